gm sweep --plan /dev/zero --db s.sqlite --quiet
files
