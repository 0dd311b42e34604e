mkfifo pipe
ln -s pipe base.yaml
printf 'extends: base.yaml\n' > s.yaml
gm validate s.yaml
