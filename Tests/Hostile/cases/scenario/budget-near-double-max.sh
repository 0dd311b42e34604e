# Budgets near the largest double: the run must end cleanly (a result or a clear stop), never by a signal.
extend s.yaml 'buyers: { lab: { budgetUSDPerMonth: 1.0e307 } }'
gm validate s.yaml
gmq run s.yaml
