printf 'extends: link.yaml\n' > s.yaml
ln -s s.yaml link.yaml
gm validate s.yaml
