printf 'extends: ""\n' > s.yaml
gm validate s.yaml
