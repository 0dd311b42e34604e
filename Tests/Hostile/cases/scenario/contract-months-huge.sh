extend s.yaml 'contracts: { deal: { months: 4611686018427387904 } }'
gm validate s.yaml
