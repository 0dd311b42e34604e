base
iconv -f UTF-8 -t UTF-16 base.yaml > s.yaml
gm validate s.yaml
