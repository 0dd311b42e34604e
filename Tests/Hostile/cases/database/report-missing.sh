gm report a.sqlite
files
