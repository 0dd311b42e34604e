# A year with a minus sign still has four characters.
extend s.yaml 'horizon: { start: -001-01, months: 12 }'
gm validate s.yaml
