extend s.yaml 'horizon: { start: 2024-01, months: 0 }'
gm validate s.yaml
