gm sweep builtin:ishigami --vary "$(printf 'x\033[2J1')=1,2" --db s.sqlite --quiet
files
