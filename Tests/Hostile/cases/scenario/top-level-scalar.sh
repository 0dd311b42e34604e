echo 'hello' > s.yaml
gm validate s.yaml
