# start + months overflows an Int where the contract's end is computed.
extend s.yaml 'contracts: { deal: { months: 9223372036854775807 } }'
gm validate s.yaml
gmq run s.yaml
