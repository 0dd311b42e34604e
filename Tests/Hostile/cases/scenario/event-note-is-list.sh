extend s.yaml 'events: [{ at: 2024-06, kind: supplyMultiplier, input: cowos, factor: 0.5, note: [a, b] }]'
gm validate s.yaml
