cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: { low: 0, high: 1, count: 1000000000000 } }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
