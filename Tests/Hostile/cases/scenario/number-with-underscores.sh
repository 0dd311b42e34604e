extend s.yaml 'buyers: { lab: { budgetUSDPerMonth: 1_000_000 } }'
gm validate s.yaml
