printf '\x00\x01\x02' > bin.yaml
printf 'extends: bin.yaml\n' > s.yaml
gm validate s.yaml
