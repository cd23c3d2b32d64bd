"""Pure rules that facts and measures share: visit periods and frequencies, household keys.

Nothing here reads a table, a frame or an `AuditContext`, and nothing imports polars: the
facts stage and the measure kinds both build on these rules, so they sit below both.
"""
