"""The command line: one module per command; `app.py` registers them explicitly."""
