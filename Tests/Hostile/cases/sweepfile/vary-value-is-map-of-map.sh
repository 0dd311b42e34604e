cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: { low: { a: 1 }, high: 2 } }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
