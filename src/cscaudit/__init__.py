"""cscaudit: audit community service centers against GB/T 36735-2018."""

from cscaudit.lazy_polars import defer_polars

__version__ = "0.1.0"

defer_polars()  # before any module of the package can `import polars` (see lazy_polars)
