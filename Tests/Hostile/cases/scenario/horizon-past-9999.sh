# The last month of the horizon would need a five-digit year; validate must refuse what run cannot run.
extend s.yaml 'horizon: { start: 9999-06, months: 12 }'
gm validate s.yaml
gmq run s.yaml
