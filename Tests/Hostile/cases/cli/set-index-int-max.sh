base
gm validate base.yaml --set 'events[9223372036854775807].at=2024-01'
