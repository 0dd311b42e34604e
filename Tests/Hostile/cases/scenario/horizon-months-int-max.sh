extend s.yaml 'horizon: { start: 2024-01, months: 9223372036854775807 }'
gm validate s.yaml
