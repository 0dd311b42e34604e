cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { "x\e[2J1": [1, 2] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
