extend s.yaml 'market: { sigma: 0x10 }'
gm validate s.yaml
