# Ids become parts of key paths and outcome names; a dot would make them ambiguous.
extend s.yaml 'buyers: { "a.b": { budgetUSDPerMonth: 1 } }'
gm validate s.yaml
