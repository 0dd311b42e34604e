gm sweep builtin:ishigami --vary x1=0..1:3000 --quiet --shard 0/1 --db a.sqlite > /dev/null
tmpfs small size=64k
gm merge small/out.sqlite a.sqlite
ls -a small
