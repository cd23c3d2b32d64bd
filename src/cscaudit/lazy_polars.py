"""polars is imported lazily: `import polars as pl` binds a module whose code runs on first use.

Why: the measure kinds, `facts.frames` and `facts` do `import polars as pl` at the top,
and `validate` (checklists and profiles check their params against each kind's
`PARAMS_SCHEMA` in the registry), `--help` and every command's start import them. Loading
polars costs ~160 ms and ~190 modules that those commands never use.

Where: `cscaudit/__init__.py` calls `defer_polars()`. It is the one module Python runs before
any other module of the package, so no measure kind, however late it is ported or added, can
import polars before the lazy module is in `sys.modules`. The alternative, splitting what
`validate` needs (`ID`, `PARAMS_SCHEMA`) from the measure code, would have to be done for
every kind and kept so by every future port. Here a module keeps the usual
`import polars as pl` at its top, and `mypy --strict` sees polars' real types, since nothing
about the import changes for it.

How: the standard library's `importlib.util.LazyLoader` recipe (find the spec, make the
module from it, put it in `sys.modules`, run its code on first attribute access), written out
because `LazyLoader` itself cannot be used: its module loads on any attribute, `__spec__`
included, and every later `import polars` reads `__spec__` (the import system checks whether
the module is still initialising), so the second measure module to `import polars as pl`
would load it. `DeferredModule` answers the metadata `module_from_spec` set (`__spec__`,
`__name__`, `__file__`) without loading, and runs polars' `__init__` in place on any other
attribute, once, under a lock. Like `LazyLoader` on 3.11, a second thread reading polars while
the first is still running its `__init__` may see it half-initialised: cscaudit loads it in
one thread.

What loads polars: any attribute of it (`pl.col`, `pl.DataFrame`), `from polars import X`,
or importing a submodule (`import polars.selectors`, which needs `__path__`). A module-level
use of `pl.` in a kind therefore loads polars for every command again;
`tests/test_lazy_polars.py` runs `validate` and `--help` in a fresh process and fails when
polars' code ran. When polars is already imported (a program that imported it before
cscaudit) or not installed, nothing is done.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import types

POLARS = "polars"
METADATA = frozenset({"__spec__", "__name__", "__file__"})  # read without loading
_LOAD_LOCK = threading.RLock()


class DeferredModule(types.ModuleType):
    """A module whose code runs on the first attribute read other than `METADATA`."""

    def __getattribute__(self, attr: str) -> object:
        if attr in METADATA:
            return super().__getattribute__(attr)
        _load(self)
        return getattr(self, attr)


def _load(module: types.ModuleType) -> None:
    with _LOAD_LOCK:
        still_deferred = type(module) is DeferredModule
        if not still_deferred:  # another thread loaded it meanwhile
            return
        module.__class__ = types.ModuleType  # from here on an ordinary module
        spec = module.__spec__
        assert spec is not None and spec.loader is not None  # set by defer_polars
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(spec.name, None)  # a later import tries afresh, as usual
            raise


def defer_polars() -> None:
    """Put a lazily loaded polars into `sys.modules`, unless it is already there or missing."""
    if POLARS in sys.modules:
        return
    spec = importlib.util.find_spec(POLARS)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[POLARS] = module
