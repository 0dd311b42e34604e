cat > plan.yaml <<'Y'
- scenario: builtin:ishigami
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
