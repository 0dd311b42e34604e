mkfifo plan.yaml
gm sweep --plan plan.yaml --db s.sqlite --quiet
files
