extend s.yaml 'contracts: { deal: { buyer: "la\0b" } }'
gm validate s.yaml
