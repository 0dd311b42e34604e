extend s.yaml 'horizon: { start: 2024-01-01, months: 12 }'
gm validate s.yaml
