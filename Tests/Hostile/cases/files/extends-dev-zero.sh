printf 'extends: /dev/zero\n' > s.yaml
gm validate s.yaml
