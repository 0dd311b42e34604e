extend s.yaml 'market: { sigma: "\e[31m2" }'
gm validate s.yaml
