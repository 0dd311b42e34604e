extend s.yaml 'buyers:' '  lab:' '    campaigns:' '      - { start: 2024-03, months: 3, h100e: 50 }' '      - { start: 2030-01, months: 3, h100e: 50 }'
gm validate s.yaml
