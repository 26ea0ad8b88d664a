#!/usr/bin/env python3
"""Build the patient leaflets: `python make_leaflets.py --help` says how."""

import sys

from leaflets.cli import main

if __name__ == "__main__":
    sys.exit(main())
