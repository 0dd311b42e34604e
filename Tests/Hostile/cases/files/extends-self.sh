printf 'extends: s.yaml\nname: x\n' > s.yaml
gm validate s.yaml
