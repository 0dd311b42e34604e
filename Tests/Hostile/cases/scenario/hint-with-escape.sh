# The "did you mean" hint quotes a name from the file too.
extend s.yaml 'buyers: { "la\e[5mb": { budgetUSDPerMonth: 1 } }' 'contracts: { deal: { buyer: "la\e[5mc" } }'
gm validate s.yaml
