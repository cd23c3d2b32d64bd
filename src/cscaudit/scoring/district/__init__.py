"""A district's scores: composite of street, peer and resident parts, ranking."""
