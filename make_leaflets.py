#!/usr/bin/env python3
"""Build the patient leaflets: `./make_leaflets.py --help` says how.

Started by a Python that lacks the project's dependencies (the machine's own
`python3`, as `./make_leaflets.py` is), it runs itself again with the Python of
the virtual environment beside it, `.venv/`, which `make` creates.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"


def _venv_python() -> Path | None:
    for python in (VENV / "bin" / "python", VENV / "Scripts" / "python.exe"):
        if python.exists():
            return python
    return None


if __name__ == "__main__":
    try:
        from leaflets.cli import main
    except ImportError as error:
        python = _venv_python()
        if python is None or Path(sys.prefix).resolve() == VENV.resolve():
            sys.exit(f"make_leaflets.py: the Python package '{error.name}' is missing; run "
                     f"'make' in {HERE} first: it installs what the build needs in .venv/")
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    sys.exit(main())
