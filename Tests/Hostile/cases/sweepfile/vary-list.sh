cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: [x1]
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
