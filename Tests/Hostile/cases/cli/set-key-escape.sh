base
gm validate base.yaml --set "$(printf 'mar\033[2Jket').sigma=2"
