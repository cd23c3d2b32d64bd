"""`python -m cscaudit`."""

from cscaudit.cli.app import main

main()
