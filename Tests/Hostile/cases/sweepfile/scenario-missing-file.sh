cat > plan.yaml <<'Y'
scenario: nothing.yaml
vary: { market.sigma: [2, 3] }
Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
