"""The district workbook and the run JSON of `cscaudit assess`."""
