base
gm validate base.yaml --set market.sigma
