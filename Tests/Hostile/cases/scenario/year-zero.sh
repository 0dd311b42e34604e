extend s.yaml 'horizon: { start: 0000-01, months: 12 }'
gm validate s.yaml
