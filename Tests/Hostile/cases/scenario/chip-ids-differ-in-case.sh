extend s.yaml 'chips: { H100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.2, priceUSD: 1, available: 2023-01 } }' 'vendors: { nvidia: { mix: { h100: 1, H100: 1 } } }'
gm validate s.yaml
