"""`cscaudit assess`: many centers audited in parallel, composed, ranked, written to one workbook."""
