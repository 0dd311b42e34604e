echo '- a' > s.yaml
gm validate s.yaml
