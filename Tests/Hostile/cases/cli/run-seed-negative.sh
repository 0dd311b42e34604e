base
gm run base.yaml --seed -1
