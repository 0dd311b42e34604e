base
gm compare base.yaml
