"""Reading the ledgers a center exports: field dictionary, CSV/XLSX readers, value parsing."""
