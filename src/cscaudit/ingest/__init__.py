"""Reading the ledgers a center exports: field dictionary, CSV/XLSX readers, value parsing.

The interface the rest of cscaudit uses:
- `load_dictionary(extra=None) -> FieldDictionary`
- `discover_tables(center_root, exports) -> Discovery` (`.sources`, `.issues`)
- `open_table(source, dictionary) -> TableReader` (a context manager: `.records()`,
  `.issues`, `.stats`, `.encoding`, `.header_row`, `.columns`)
"""

from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec, TableSpec, load_dictionary
from cscaudit.ingest.discover import Discovery, TableSource, discover_tables
from cscaudit.ingest.reader import MissingColumnsError, ReadStats, TableReader, open_table

__all__ = [
    "Discovery",
    "FieldDictionary",
    "FieldSpec",
    "MissingColumnsError",
    "ReadStats",
    "TableReader",
    "TableSource",
    "TableSpec",
    "discover_tables",
    "load_dictionary",
    "open_table",
]
