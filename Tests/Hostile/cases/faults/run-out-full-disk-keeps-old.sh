base
tmpfs small size=48k
gmq run base.yaml --out small
ls small
dd if=/dev/zero of=small/filler bs=1k count=64 2>/dev/null; rm -f small/filler; dd if=/dev/zero of=small/filler bs=1k count=4 2>/dev/null
gmq run base.yaml --set horizon.months=24 --out small
ls -a small
head -c 40 small/summary.csv; echo
