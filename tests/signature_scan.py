"""What the signature scans (`test_no_any_at_seams`, `test_no_positional_bools`) share: the
package's modules by dotted name, and the public functions of a module's source."""

from __future__ import annotations

import ast
from pathlib import Path

import cscaudit

PACKAGE = Path(cscaudit.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def public_functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Module-level functions and the methods of module-level classes, public ones only
    (`__init__` counts as public)."""
    found: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append(node)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            found.extend(n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    return [f for f in found if not f.name.startswith("_") or f.name == "__init__"]
