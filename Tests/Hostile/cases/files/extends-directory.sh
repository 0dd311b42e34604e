mkdir base.yaml
printf 'extends: base.yaml\n' > s.yaml
gm validate s.yaml
