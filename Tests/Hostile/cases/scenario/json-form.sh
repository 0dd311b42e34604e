# The same scenario as JSON (what validate --print-resolved writes) is read the same way.
base
"$GM" validate --print-resolved base.yaml > s.json
gm validate s.json
