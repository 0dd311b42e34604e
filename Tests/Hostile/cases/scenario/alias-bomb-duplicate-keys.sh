# A duplicate key (a number and a string both named 1) that aliases copy a million times: reported
# once, where it is written, beside the refusal of the expansion.
{
  echo 'a: &a {1: x, "1": y}'
  previous=a
  for level in 1 2 3 4 5 6 7 8 9 10 11 12; do
    echo "l$level: &l$level [*$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous, *$previous]"
    previous=l$level
  done
} > s.yaml
gm validate s.yaml
