# Two buyers whose ids differ only in case would share one SQLite column and one CSV header.
extend s.yaml 'buyers: { Lab: { budgetUSDPerMonth: 2.0e6 } }'
gm validate s.yaml
