echo hello > a.sqlite
gm report a.sqlite
files
