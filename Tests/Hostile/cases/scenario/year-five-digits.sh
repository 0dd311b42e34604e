extend s.yaml 'horizon: { start: 20240-01, months: 12 }'
gm validate s.yaml
