extend s.yaml 'generators: { tail: { count: 3, seed: 18446744073709551615, totalBudgetUSDPerMonth: 1.0e6 } }'
gm validate s.yaml
