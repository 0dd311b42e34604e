python3 -c '
print("name: x")
for i in range(300): print("  " * i + "k%d:" % i)' > s.yaml
gm validate s.yaml
