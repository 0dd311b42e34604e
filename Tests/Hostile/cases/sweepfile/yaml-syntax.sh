cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: [1, 2 }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
