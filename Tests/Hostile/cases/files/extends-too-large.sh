head -c 17000000 /dev/zero | tr '\0' ' ' > big.yaml
printf 'extends: big.yaml\n' > s.yaml
gm validate s.yaml
