# A mapping key that is an alias of a nine-times-nested list: hashing it whole, as a check for
# duplicate keys does, would never end.
{
  echo 'a: &a [x, x, x, x, x, x, x, x, x]'
  previous=a
  for level in 1 2 3 4 5 6 7 8 9 10 11 12; do
    echo "l$level: &l$level [*$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous]"
    previous=l$level
  done
  echo 'buyers: { *l12 : { budgetUSDPerMonth: 1 } }'
} > s.yaml
gm validate s.yaml
