mkfifo c.yaml
printf 'extends: c.yaml\n' > b.yaml
printf 'extends: b.yaml\nname: x\n' > s.yaml
gm validate s.yaml
