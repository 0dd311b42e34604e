cat > plan.yaml <<'Y'

Y
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
