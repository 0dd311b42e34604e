extend s.yaml 'market: { sigma: 1.0e308 }'
gm validate s.yaml
