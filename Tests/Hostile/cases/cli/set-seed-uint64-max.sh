base
gm validate base.yaml --set seed=18446744073709551615
