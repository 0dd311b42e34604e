base
gm compare base.yaml --quiet
