cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: [.nan, 1] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
