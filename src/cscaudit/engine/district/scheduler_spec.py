"""`--scheduler`: which Dask cluster runs the audits (parsed without importing Dask).

- `tcp://HOST:PORT` (or `tls://…`): an existing cluster's scheduler, started with
  `dask scheduler`, its workers with `dask worker tcp://HOST:PORT`.
- `local:N`: a `LocalCluster` of N worker processes on this machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cscaudit.errors import InputError
from cscaudit.i18n import t

_ADDRESS = re.compile(r"^(tcp|tls)://[^\s/:]+(:\d{1,5})?$")
_LOCAL = re.compile(r"^local:(\d{1,4})$")


@dataclass(frozen=True)
class SchedulerSpec:
    """Either the address of a running scheduler or the size of a local cluster."""

    address: str | None = None
    local_workers: int | None = None

    def describe(self) -> str:
        return self.address or f"local:{self.local_workers}"


def parse_scheduler(value: str) -> SchedulerSpec:
    """The `--scheduler` value as a spec; InputError (exit 2) naming the forms it accepts."""
    text = value.strip()
    local = _LOCAL.match(text)
    if local and int(local.group(1)) >= 1:
        return SchedulerSpec(local_workers=int(local.group(1)))
    if _ADDRESS.match(text):
        return SchedulerSpec(address=text)
    raise InputError(t(f"--scheduler {value!r} 无法识别：应为 tcp://主机:8786（已运行的 dask scheduler）"
                       "或 local:N（本机 N 个工作进程，N ≥ 1）",
                       f"--scheduler {value!r} is not understood: give tcp://HOST:8786 (a "
                       "running dask scheduler) or local:N (N worker processes on this "
                       "machine, N ≥ 1)"))
