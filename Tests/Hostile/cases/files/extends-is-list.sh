printf 'extends: [a.yaml, b.yaml]\n' > s.yaml
gm validate s.yaml
