gm sweep builtin:ishigami --replicates 9223372036854775807 --vary x1=1,2 --db s.sqlite --quiet
files
