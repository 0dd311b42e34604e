base
cat > s.yaml <<'Y'
extends: base.yaml
buyers:
  lab: &lab { budgetUSDPerMonth: 1.0e6 }
  lab2: *lab
Y
gm validate s.yaml
