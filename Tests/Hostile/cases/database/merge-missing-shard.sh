gm merge out.sqlite a.sqlite
files
