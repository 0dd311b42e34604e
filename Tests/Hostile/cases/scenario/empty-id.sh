extend s.yaml 'buyers: { "": { budgetUSDPerMonth: 1 } }'
gm validate s.yaml
