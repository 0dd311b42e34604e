extend s.yaml 'generators: { tail: { count: 1000001, totalBudgetUSDPerMonth: 1.0e6 } }'
gm validate s.yaml
