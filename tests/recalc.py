"""scripts/recalc_xlsx.py for the tests that let LibreOffice recalculate a workbook, and the
mark that skips them where LibreOffice (soffice) is absent."""

from __future__ import annotations

import shutil
from types import ModuleType

import pytest

from tests.scripts_loader import load_script

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed")


def recalc_script() -> ModuleType:
    return load_script("recalc_xlsx")
