"""`python -m pipelines generate|ingest|export ...`: the name the data contract and users' scripts
use for the command line, which lives at the top of the house in `cli`."""

import sys

from cli import main

if __name__ == "__main__":
    sys.exit(main())
