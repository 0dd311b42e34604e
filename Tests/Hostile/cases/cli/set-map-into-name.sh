base
gm validate base.yaml --set 'name={a: 1}'
