base
printf '\xef\xbb\xbf' > s.yaml; cat base.yaml >> s.yaml
gm validate s.yaml
