cat > plan.yaml <<'Y'
scenario: builtin:ishigami
design: random
samples: 99999999999999999999
vary: { x1: 0..1 }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
