base
gm validate base.yaml --set =3
