"""The first characters that make a spreadsheet read a cell's text as a formula.

Text from inputs that starts with one of them is written as text, never as a formula: by the
Excel writers (`xlsx_style.put`, `xlsx_stream`) and by the details CSV (`details`), which a
user opens in Excel too. Its own module, so that the CSV and the console, which read it, do
not import openpyxl with `xlsx_style`.
"""

from __future__ import annotations

# = + - @ and their full-width forms ＝ ＋ － ＠, which a Chinese IME types and Excel turns
# into a formula when the cell is edited
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
