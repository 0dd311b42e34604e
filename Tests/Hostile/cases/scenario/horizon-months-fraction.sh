extend s.yaml 'horizon: { start: 2024-01, months: 1.5 }'
gm validate s.yaml
