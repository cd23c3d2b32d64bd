"""cscaudit: audit community service centers against GB/T 36735-2018."""

__version__ = "0.1.0"
