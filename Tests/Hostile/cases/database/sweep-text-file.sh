echo "my notes" > notes.txt
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db notes.txt
files
