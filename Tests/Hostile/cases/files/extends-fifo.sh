mkfifo base.yaml
printf 'extends: base.yaml\nname: x\n' > s.yaml
gm validate s.yaml
