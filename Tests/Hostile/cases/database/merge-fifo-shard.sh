mkfifo a.sqlite
gm merge out.sqlite a.sqlite
files
