base
gm validate base.yaml --set horizon.months=1201
