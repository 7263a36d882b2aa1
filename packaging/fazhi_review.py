"""Entry point of the frozen app (PyInstaller): the same command as the installed
``fazhi-review`` script. ``desktop.launch.main`` calls ``multiprocessing.freeze_support()``
first, so the import pool's worker processes (spawn/forkserver) start from this executable."""

import sys

from desktop.launch import main

if __name__ == "__main__":
    sys.exit(main())
