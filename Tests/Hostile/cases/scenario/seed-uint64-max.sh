# run --seed takes any 64-bit unsigned seed; the file must take the same.
extend s.yaml 'seed: 18446744073709551615'
gm validate s.yaml
gmq run s.yaml --seed 18446744073709551615
