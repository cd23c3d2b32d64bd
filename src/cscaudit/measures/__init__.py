"""Measure kinds: one small module each; the registry is `cscaudit.measures.registry`."""
