printf 'extends: no/such/folder/base.yaml\n' > s.yaml
gm validate s.yaml
