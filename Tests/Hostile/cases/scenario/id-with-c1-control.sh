extend s.yaml 'contracts: { deal: { provider: "neo\x9b2J" } }'
gm validate s.yaml
