"""The ``fazhi-review`` command: the review window with no arguments (or ``gui``), the
command line otherwise. Kept apart from desktop.cli so that the command line never imports
Qt (a import-linter contract), while one installed command opens both."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] == "gui":
        from desktop.ui.app import main as gui_main  # Qt is loaded only for the window

        return gui_main(args[1:] if args else [])
    from desktop.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
