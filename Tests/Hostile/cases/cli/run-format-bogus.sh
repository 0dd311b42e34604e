base
gm run base.yaml --format xml
