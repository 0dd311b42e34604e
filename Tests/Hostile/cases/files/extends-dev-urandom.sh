printf 'extends: /dev/urandom\n' > s.yaml
gm validate s.yaml
