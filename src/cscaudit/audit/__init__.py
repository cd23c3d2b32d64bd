"""The audit: measure kinds, checklists and profiles, scoring, waivers."""
