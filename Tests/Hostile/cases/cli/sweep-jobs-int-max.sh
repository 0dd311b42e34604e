gm sweep builtin:ishigami --vary x1=1,2 --jobs 9223372036854775807 --db s.sqlite --quiet
files
