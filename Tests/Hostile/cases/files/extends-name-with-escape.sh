printf 'extends: "\\e[31mred.yaml"\n' > s.yaml
gm validate s.yaml
