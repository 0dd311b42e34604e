gm run
