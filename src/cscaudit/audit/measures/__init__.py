"""Measure kinds: one small module each; the registry is `cscaudit.audit.measures.registry`."""
