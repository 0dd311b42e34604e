extend s.yaml 'providers: { NEO: { kind: neocloud, capexUSDPerMonth: 1.0e8 } }'
gm validate s.yaml
