"""The checklist in force: checklists, drafts, profiles, resolution, provenance."""
