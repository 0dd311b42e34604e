extend s.yaml 'horizon: { start: 1000-01, months: 12 }'
gm validate s.yaml
