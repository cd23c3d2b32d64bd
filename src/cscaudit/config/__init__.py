"""Configuration documents: safe YAML, schemas, the standard, the center and its plans, the calendar."""
