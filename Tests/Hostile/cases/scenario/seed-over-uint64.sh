extend s.yaml 'seed: 18446744073709551616'
gm validate s.yaml
