base
gm validate base.yaml --set "market.sigma=$(printf '[%.0s' $(seq 1000))"
