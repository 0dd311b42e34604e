mkdir s.yaml
gm validate s.yaml
