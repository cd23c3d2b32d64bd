"""Running audits: one center (engine.audit), many centers (engine.district)."""
