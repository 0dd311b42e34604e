extend s.yaml 'horizon: { start: 2024-00, months: 12 }'
gm validate s.yaml
