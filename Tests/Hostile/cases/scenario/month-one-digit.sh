extend s.yaml 'horizon: { start: 2024-1, months: 12 }'
gm validate s.yaml
