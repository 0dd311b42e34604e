extend s.yaml 'horizon: { start: 2024-01, months: 99999999999999999999999 }'
gm validate s.yaml
