extend s.yaml 'name: [a, b]'
gm validate s.yaml
