extend s.yaml 'horizon: { start: +999-01, months: 12 }'
gm validate s.yaml
