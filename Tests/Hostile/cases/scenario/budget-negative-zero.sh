extend s.yaml 'buyers: { lab: { budgetUSDPerMonth: -0.0 } }'
gm validate s.yaml
