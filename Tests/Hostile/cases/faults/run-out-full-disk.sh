base
tmpfs small size=8k
gmq run base.yaml --out small
files
