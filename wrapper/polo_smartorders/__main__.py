"""`python -m polo_smartorders`: the command line (see `polo_smartorders._cli`)."""

import sys

from ._cli import main

sys.exit(main())
