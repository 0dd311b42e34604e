ln -s nowhere.yaml s.yaml
gm validate s.yaml
