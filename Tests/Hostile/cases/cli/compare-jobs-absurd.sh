base
gm compare base.yaml base.yaml --jobs 1000000000 --outcome "price.h100.2024" --quiet
