extend s.yaml 'randomness: { supplyShock: { input: cowos, probabilityPerMonth: 1, factor: [0.5, 0.9], months: 9223372036854775807 } }'
gm validate s.yaml
gmq run s.yaml
