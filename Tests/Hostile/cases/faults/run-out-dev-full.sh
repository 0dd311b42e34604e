base
gmq run base.yaml --out /dev/full
