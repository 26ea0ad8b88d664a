#!/usr/bin/env python3
"""Build the patient leaflets: `./make_leaflets.py --help` says how.

Started by a Python that lacks the project's dependencies (the machine's own
`python3`, as `./make_leaflets.py` is), it runs itself again with the Python of
the virtual environment beside it, `.venv/`, which `make` creates.
"""

import gc
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
        from leaflets import arguments
        from leaflets.build import warm

        # A build's workers' server loads beside everything else (leaflets/build/warm.py).
        warm.start_early(arguments.parser().parse_args())
        from leaflets.cli import main
    except ImportError as error:
        python = _venv_python()
        if python is None or Path(sys.prefix).resolve() == VENV.resolve():
            sys.exit(f"make_leaflets.py: the Python package '{error.name}' is missing; run "
                     f"'make' in {HERE} first: it installs what the build needs in .venv/")
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    status = main()
    # The build's objects end with the process: no garbage collection walks them
    # all on the way out (a large catalogue's take a tenth of a second).
    gc.freeze()
    sys.exit(status)
