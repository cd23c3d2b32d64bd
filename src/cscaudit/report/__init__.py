"""Outputs: the JSON result, the terminal summary, the Excel scorecard, the input template."""
