cat > plan.yaml <<'Y'
scenario: builtin:ishigami
replicates: 9223372036854775807
vary: { x1: [1, 2] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
