extend s.yaml 'events: [{ at: 2024-06, kind: chipDelay, chip: h100, delayMonths: 120 }]'
gm validate s.yaml
gmq run s.yaml
