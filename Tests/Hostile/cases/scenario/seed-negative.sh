extend s.yaml 'seed: -1'
gm validate s.yaml
