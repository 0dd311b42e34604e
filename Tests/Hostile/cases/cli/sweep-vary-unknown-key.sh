base
gm sweep base.yaml --vary market.sigmaa=2,3 --db s.sqlite --quiet
files
