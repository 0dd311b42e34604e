cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: { low: 0, high: 1, steps: 3 } }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
