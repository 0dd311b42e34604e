head -c 4096 /dev/urandom > /dev/null
printf '\x7fELF\x02\x01\x01\x00\x00\x00' > s.yaml
gm validate s.yaml
