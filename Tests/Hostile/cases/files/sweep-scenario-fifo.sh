mkfifo s.yaml
gm sweep s.yaml --vary market.sigma=2,3 --db s.sqlite --quiet
files
