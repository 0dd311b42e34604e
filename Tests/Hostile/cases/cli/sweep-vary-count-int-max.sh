gm sweep builtin:ishigami --vary x1=0..1:9223372036854775807 --db s.sqlite --quiet
files
