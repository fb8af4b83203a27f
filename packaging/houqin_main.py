"""The frozen program's entry point: the same ``houqin`` command as the console script."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
