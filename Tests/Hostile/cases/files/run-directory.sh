mkdir s.yaml
gm run s.yaml
