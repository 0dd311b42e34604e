extend s.yaml 'buyers: { lab: { region: { us: 1 } } }'
gm validate s.yaml
