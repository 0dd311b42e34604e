extend s.yaml 'contracts: { deal: { provider: "neo\rok     " } }'
gm validate s.yaml
