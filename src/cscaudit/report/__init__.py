"""Outputs of an audit: masking, the JSON result, the terminal summary, the Excel scorecard."""
