gm sweep builtin:ishigami --vary x1=0..1:50 --quiet --db s.sqlite > /dev/null
tmpfs small size=4k
gm report s.sqlite --format html --out small/r.html
ls -a small
