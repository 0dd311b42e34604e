echo hello > a.sqlite
gm merge out.sqlite a.sqlite
files
