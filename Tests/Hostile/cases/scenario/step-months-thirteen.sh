extend s.yaml 'horizon: { start: 2024-01, months: 26, stepMonths: 13 }'
gm validate s.yaml
