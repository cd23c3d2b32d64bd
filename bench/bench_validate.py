"""Benchmark `cscaudit validate` against check-jsonschema, measured in the same run.

(a) One small center.yaml: `cscaudit validate FILE` versus
    `check-jsonschema --schemafile standards/schema/center.schema.json FILE`, run alternately,
    median of N runs each; prints the ratio (goal: <= 1.0).
(b) 1,000 generated small center.yaml files in one call (goal: under 5 s), with
    check-jsonschema on the same files in one call as the baseline.
cscaudit keeps a validity cache (`cscaudit.config.schema_memo`): files whose exact bytes passed
their schema before skip it. So (a) is measured three ways: cache off
(`CSCAUDIT_CACHE_DIR=off`: every schema, the shipped standard's too, is checked); a new file
each run (the usual pre-commit/CI case: the installed standard is cached, the edited file is
not); and an unchanged file. (b) is measured with the cache off and warm.

Needs check-jsonschema for the baseline: `pip install check-jsonschema`.
Run from the repository root: `python bench/bench_validate.py [--runs 7] [--files 1000]`.
cscaudit does more than the baseline: YAML 1.1 boolean lint, duplicate keys, and
cross-reference checks against the encoded standard (service items, zones, ...).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "standards" / "schema" / "center.schema.json"
ZONES = ["service_hall", "consultation", "waiting", "display", "reading"]
ITEMS = ["civil.subsistence_allowance", "civil.temporary_assistance", "party.membership_transfer"]


def center_yaml(i: int) -> str:
    zones = ", ".join(ZONES[: 3 + i % 3])
    item = ITEMS[i % len(ITEMS)]
    return (
        "kind: center\n"
        "schema_version: 1\n"
        f"id: bench-{i:04d}\n"
        f"name: 测试{i}社区便民服务中心\n"
        "street: 测试街道\n"
        "district: 测试区\n"
        "hall: {open_space: true, windows: 3}\n"
        f"zones: [{zones}]\n"
        "postings: [opening_hours, first_contact, one_time_notice]\n"
        "amenities: [seats, reading_glasses, drinking_water]\n"
        "service_items:\n"
        f"  - id: {item}\n"
        "    basis: 《测试条例》\n"
        "    materials: [身份证, 申请表]\n"
        f"    time_limit_days: {i % 10}\n"
    )


def command(name: str, module: str) -> list[str]:
    exe = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return [exe] if exe else [sys.executable, "-m", module]


# Both tools run as installed tools do: with compiled bytecode. In a source checkout run with
# PYTHONDONTWRITEBYTECODE=1, cscaudit would otherwise recompile its modules on every start
# while the baseline, installed from a wheel, has its .pyc files. The bytecode goes to a
# temporary folder (PYTHONPYCACHEPREFIX), not into the checkout.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT,
                          env={**BASE_ENV, **(env or {})})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({done.returncode}):\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def alternate(a: list[str], b: list[str], runs: int, env_a: dict[str, str],
              before_a: Callable[[int], None] = lambda i: None) -> tuple[float, float]:
    """Median wall time of `a` (with `env_a`) and of `b`, run alternately, one warm-up each.

    `before_a(i)` runs (untimed) before the i-th run of `a`, e.g. to change its input file.
    """
    before_a(-1)
    timed(a, env_a)
    timed(b)
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(runs):
        before_a(i)
        times_a.append(timed(a, env_a))
        times_b.append(timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def report(title: str, ours: float, theirs: float, goal: str) -> None:
    print(f"    {title:<34} cscaudit {ours * 1000:7.0f} ms   check-jsonschema "
          f"{theirs * 1000:7.0f} ms   ratio {ours / theirs:.2f}  ({goal})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    cscaudit = [*command("cscaudit", "cscaudit"), "validate", "--quiet"]
    baseline = [*command("check-jsonschema", "check_jsonschema"), "--schemafile", str(SCHEMA)]
    if not shutil.which("check-jsonschema") and baseline[0] == sys.executable:
        try:
            import check_jsonschema  # noqa: F401
        except ImportError:
            raise SystemExit("check-jsonschema is needed: pip install check-jsonschema") from None

    with tempfile.TemporaryDirectory() as tmp:
        BASE_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        cold = {"CSCAUDIT_CACHE_DIR": "off"}
        warm = {"CSCAUDIT_CACHE_DIR": str(Path(tmp) / "cache")}
        one = Path(tmp) / "center.yaml"
        one.write_text(center_yaml(1), encoding="utf-8")
        print(f"(a) one center.yaml, median of {args.runs} runs each, run alternately:")
        ours, theirs = alternate([*cscaudit, str(one)], [*baseline, str(one)], args.runs, cold)
        report("no cache (every schema checked)", ours, theirs, "goal <= 1.00")

        def change(i: int) -> None:
            one.write_text(center_yaml(2000 + i), encoding="utf-8")

        ours, theirs = alternate([*cscaudit, str(one)], [*baseline, str(one)], args.runs, warm,
                                 change)
        report("a new file each run (tool cached)", ours, theirs, "goal <= 1.00")
        ours, theirs = alternate([*cscaudit, str(one)], [*baseline, str(one)], args.runs, warm)
        report("unchanged file (warm cache)", ours, theirs, "goal <= 1.00")

        folder = Path(tmp) / "many"
        for i in range(args.files):
            target = folder / f"c{i:04d}" / "center.yaml"
            target.parent.mkdir(parents=True)
            target.write_text(center_yaml(i), encoding="utf-8")
        files = sorted(str(p) for p in folder.rglob("center.yaml"))
        runs = max(3, args.runs // 2)
        print(f"(b) {args.files} center.yaml files in one call, median of {runs} runs each:")
        for label, env in (("no cache (every schema checked)", cold),
                           ("unchanged files (warm cache)", warm)):
            ours, theirs = alternate([*cscaudit, str(folder)], [*baseline, *files], runs, env)
            report(label, ours, theirs, f"goal < 5 s; {args.files / ours:,.0f} files/s")


if __name__ == "__main__":
    main()
