gm sweep --vary x1=1,2 --db s.sqlite --quiet
files
