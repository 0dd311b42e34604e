# The file name itself, as given on the command line, holds control characters.
gm validate "$(printf 'a\033[2Jb.yaml')"
