cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: {}
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
