extend s.yaml 'events: [{ at: 2024-06, months: 9223372036854775807, kind: supplyMultiplier, input: cowos, factor: 0.5 }]'
gm validate s.yaml
gmq run s.yaml
