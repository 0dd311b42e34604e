extend s.yaml 'name: { first: a }'
gm validate s.yaml
