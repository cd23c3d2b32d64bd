"""Integrity checks: signs that a ledger was written up afterwards rather than kept.

Each check is a measure kind of its own (usable as an info indicator) and a part of the
`ledger_integrity` veto, which counts how many checks found enough suspicious rows.
"""
