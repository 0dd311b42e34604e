extend s.yaml 'buyers: { lab: { budgetUSDPerMonth: 1e400 } }'
gm validate s.yaml
