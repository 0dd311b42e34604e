base
gm validate base.yaml --set "market.sigma=$(printf '\033[31m')"
