printf 'scenario: caf\xe9\n' > plan.yaml
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
