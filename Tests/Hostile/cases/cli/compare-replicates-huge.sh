base
gm compare base.yaml base.yaml --replicates 1000000000000 --quiet
