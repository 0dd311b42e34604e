extend s.yaml 'market: { sigma: !!str 2 }'
gm validate s.yaml
