head -c 17000000 /dev/zero | tr '\0' ' ' > plan.yaml
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
