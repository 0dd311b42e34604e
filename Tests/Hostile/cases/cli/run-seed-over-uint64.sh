base
gm run base.yaml --seed 18446744073709551616
