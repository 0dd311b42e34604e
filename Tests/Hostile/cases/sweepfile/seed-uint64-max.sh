cat > plan.yaml <<'Y'
scenario: builtin:ishigami
seed: 18446744073709551615
vary: { x1: [1, 2] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
