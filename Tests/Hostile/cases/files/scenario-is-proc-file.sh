# Files under /proc report a size of 0 but have contents: they are read to the end.
gm validate /proc/sys/kernel/ostype
