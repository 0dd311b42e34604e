extend s.yaml 'buyers:' '  lab:' '    campaigns:' '      - { start: 2026-13, months: 0, h100e: -5, waitMonths: 3, size: 1 }' '      - { months: 3 }' '      - 7'
gm validate s.yaml
