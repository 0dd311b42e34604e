mkdir a.sqlite
gm report a.sqlite
files
