cat > plan.yaml <<'Y'
scenario: builtin:ishigami
vary: { x1: "0..1:9223372036854775807" }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
