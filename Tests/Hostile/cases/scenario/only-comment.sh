echo '# nothing here' > s.yaml
gm validate s.yaml
