base
gm validate base.yaml --set horizon=null
