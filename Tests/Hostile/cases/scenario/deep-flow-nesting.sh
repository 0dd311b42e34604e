{ echo 'name: x'; printf 'description: '; printf '[%.0s' $(seq 5000); printf ']%.0s' $(seq 5000); echo; } > s.yaml
gm validate s.yaml
