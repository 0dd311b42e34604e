extend s.yaml 'horizon: { start: 2024-13, months: 12 }'
gm validate s.yaml
