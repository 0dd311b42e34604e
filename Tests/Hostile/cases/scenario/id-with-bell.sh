extend s.yaml 'buyers: { "x\a\a": { budgetUSDPerMonth: 1 } }' 'contracts: { deal: { buyer: "y\a" } }'
gm validate s.yaml
