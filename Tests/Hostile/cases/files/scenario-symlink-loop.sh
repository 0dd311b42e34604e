ln -s b.yaml a.yaml; ln -s a.yaml b.yaml
gm validate a.yaml
