base
{ cat base.yaml; head -c 17000000 /dev/zero | tr '\0' '#'; echo; } > s.yaml
gm validate s.yaml
