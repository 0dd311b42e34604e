cat > plan.yaml <<'Y'
scenario: builtin:ishigami
seed: 1
seed: 2
vary: { x1: [1, 2] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
