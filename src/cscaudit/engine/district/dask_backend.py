"""The Dask backend: one task per center on a Dask cluster (`--scheduler`).

Imported only when `--scheduler` is given (the `dask` extra installs `distributed`). The task
is `audit_entry`, the function the local pool runs; its compact outcome comes back and the
ranking, run JSON and workbook are computed once, in this process, by the same code as with
the pool, so the run JSON is byte-identical.

Before anything is submitted every worker is asked which cscaudit it runs and whether it can
read the district root and a center.yaml under it (shared storage: the data must be mounted at
the same path on every worker); the first worker that cannot is named in one error (exit 2).
A task that raises is retried `TASK_RETRIES` times; a worker that dies is replaced and its
task rescheduled by the scheduler (its `allowed-failures` setting). The scheduler also blames
the tasks queued on a dying worker beside the one that killed it, so a center given up that way
is audited once more, alone, after the others: only a center that kills its worker by itself
is reported failed, and the rest complete. Interrupting the run (Ctrl-C) cancels every
task not yet done.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.discover import CENTER_FILE, District
from cscaudit.engine.district.runner import (
    AuditOne,
    Progress,
    audit_entry,
    internal_error,
    worker_environment,
)
from cscaudit.engine.district.scheduler_spec import SchedulerSpec
from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.scoring.district.model import CenterAudit, CenterEntry, CenterFailure, CenterOutcome

TASK_RETRIES = 2  # a task that raises runs again this many times before its center fails
CONNECT_SECONDS = 20  # to reach a scheduler, and for its first worker to be there


def probe_worker(root: str, sample: str) -> tuple[str, str | None]:
    """Run on each worker: its cscaudit version, and why it cannot read the district (None
    when it can)."""
    from cscaudit import __version__

    try:
        os.listdir(root)
        with open(sample, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return __version__, f"{exc.strerror or type(exc).__name__}: {exc.filename or root}"
    return __version__, None


def check_workers(reports: Mapping[str, Any], version: str, root: Path) -> None:
    """InputError naming the first worker (by address) that runs another cscaudit or cannot
    read the district root; `reports` maps worker address to `probe_worker`'s answer or the
    exception it raised there."""
    if not reports:
        raise InputError(t("Dask 集群没有工作节点：请先用 dask worker 启动至少一个",
                           "the Dask cluster has no worker: start at least one with dask worker"))
    for address, report in sorted(reports.items()):
        if isinstance(report, BaseException):
            raise InputError(t(
                f"工作节点 {address} 无法运行 cscaudit（{type(report).__name__}: {report}）："
                f"请在该节点安装 cscaudit {version}",
                f"worker {address} cannot run cscaudit ({type(report).__name__}: {report}): "
                f"install cscaudit {version} there"))
        theirs, unreadable = report
        if theirs != version:
            raise InputError(t(
                f"工作节点 {address} 运行 cscaudit {theirs}，本机为 {version}：所有节点须安装同一版本，"
                "评分规则才一致",
                f"worker {address} runs cscaudit {theirs}, this machine {version}: every "
                "worker needs the same version so every center is scored by the same rules"))
        if unreadable is not None:
            raise InputError(t(
                f"工作节点 {address} 读不到辖区文件夹 {root}（{unreadable}）：请把数据挂载到"
                "每个节点的同一路径（共享存储）",
                f"worker {address} cannot read the district folder {root} ({unreadable}): "
                "mount the data at the same path on every worker (shared storage)"))


def _killed(entry: CenterEntry) -> CenterFailure:
    return CenterFailure(entry=entry, reason=t(
        "审核此中心的 Dask 工作节点多次意外退出（内存不足，或某个导出文件使读取程序崩溃），重试后放弃；"
        "其他中心不受影响：请检查此中心的导出文件，或用 cscaudit audit 单独审核它",
        "the Dask worker auditing this center died, again after the scheduler's retries "
        "(out of memory, or an export that crashed the reader); the other centers are not "
        "affected: check this center's exports, or audit it alone with cscaudit audit"))


def _outcome(future: Future[Any], entry: CenterEntry) -> CenterOutcome | None:
    """The task's outcome; None when the scheduler gave it up because its workers died."""
    if future.status == "finished":
        result = future.result()
        if isinstance(result, CenterAudit | CenterFailure):
            return replace(result, entry=entry)
        return internal_error(entry, TypeError(f"unexpected task result {type(result).__name__}"))
    exc = future.exception() if future.status == "error" else None
    if isinstance(exc, KilledWorker):
        return None
    return internal_error(entry, exc if exc is not None else RuntimeError(future.status))


class DaskBackend:
    """A `CenterBackend` on a connected Dask client (see `open_dask`)."""

    def __init__(self, client: Client, audit: AuditOne = audit_entry) -> None:
        self.client = client
        self._audit = audit
        self._run = secrets.token_hex(4)
        self._round = 0

    def outcomes(self, entries: Sequence[CenterEntry], options: AuditOptions,
                 progress: Progress | None) -> Iterator[CenterOutcome]:
        died: list[CenterEntry] = []
        for entry, outcome in self._submit(entries, options):
            if outcome is None:
                died.append(entry)  # perhaps only queued beside a center that killed the worker
                continue
            if progress:
                progress.finished(entry, outcome)
            yield outcome
        for entry in died:  # alone now: only a center that kills its worker by itself fails
            for _, alone in self._submit((entry,), options):
                outcome = alone if alone is not None else _killed(entry)
                if progress:
                    progress.finished(entry, outcome)
                yield outcome

    def _submit(self, entries: Sequence[CenterEntry],
                options: AuditOptions) -> Iterator[tuple[CenterEntry, CenterOutcome | None]]:
        sent = [replace(e, path=e.path.absolute()) for e in entries]
        self._round += 1
        keys = [f"cscaudit-audit-{self._run}-{self._round}-{e.order}" for e in entries]
        by_key = dict(zip(keys, entries, strict=True))
        futures = self.client.map(self._audit, sent, key=keys, options=options,
                                  retries=TASK_RETRIES, pure=False)
        pending = set(keys)
        try:
            for future in as_completed(futures, loop=self.client.loop):
                entry = by_key[future.key]
                outcome = _outcome(future, entry)
                pending.discard(future.key)
                future.release()
                yield entry, outcome
        finally:  # interrupted (Ctrl-C) or abandoned: nothing keeps running on the cluster
            left = [f for f in futures if f.key in pending]
            if left:
                self.client.cancel(left, force=True)


# The scheduler serves HTTP (health routes) even without a dashboard, on port 8787 unless told
# otherwise: a second run on the same machine would collide. Any free port, no dashboard.
NO_DASHBOARD: dict[str, Any] = {"dashboard_address": ":0", "scheduler_kwargs": {"dashboard": False}}


def _connect(spec: SchedulerSpec, stack: contextlib.ExitStack) -> Client:
    if spec.local_workers is not None:
        cluster = stack.enter_context(LocalCluster(
            n_workers=spec.local_workers, threads_per_worker=1, processes=True,
            host="127.0.0.1", silence_logs=logging.CRITICAL,
            env=worker_environment(spec.local_workers), **NO_DASHBOARD))
        local: Client = stack.enter_context(Client(cluster, set_as_default=False))
        return local
    try:
        client: Client = stack.enter_context(Client(spec.address, timeout=CONNECT_SECONDS,
                                                    set_as_default=False))
    except OSError as exc:
        raise InputError(t(f"连接不到 Dask 调度器 {spec.address}（{exc}）：请确认 dask scheduler 正在运行、"
                           "地址和端口无误",
                           f"cannot reach the Dask scheduler {spec.address} ({exc}): check that "
                           "dask scheduler is running there and the address and port are "
                           "right")) from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except TimeoutError:
        check_workers({}, "", Path())
    return client


@contextlib.contextmanager
def open_dask(spec: SchedulerSpec, district: District,
              audit: AuditOne = audit_entry) -> Iterator[DaskBackend]:
    """Connect (or start a local cluster), check every worker, yield the backend; the client
    and any local cluster are shut down on the way out, whatever happened."""
    from cscaudit import __version__

    with contextlib.ExitStack() as stack:
        client = _connect(spec, stack)
        root = district.root.absolute()
        sample = district.entries[0].path.absolute() / CENTER_FILE
        reports = client.run(probe_worker, str(root), str(sample), on_error="return")
        check_workers(reports, __version__, root)
        yield DaskBackend(client, audit)
