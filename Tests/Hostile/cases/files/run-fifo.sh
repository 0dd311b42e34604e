mkfifo s.yaml
gm run s.yaml
