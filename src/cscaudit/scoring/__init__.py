"""Scores from measurements: indicators, areas, waivers, worker cards, rechecks."""
