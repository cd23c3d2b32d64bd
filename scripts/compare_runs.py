"""Byte-identity harness for the run JSON: produce a fixed set of runs, compare two sets.

    python scripts/compare_runs.py produce OUTDIR [--quick]
    python scripts/compare_runs.py compare DIR_A DIR_B [--limit 10] [--ignore /tool]

`produce` runs the installed cscaudit (`python -m cscaudit`, the interpreter running this
script) as a user would, on the samples of `--root` (default: the checkout holding this
script), and writes into OUTDIR:

- `audit-<center>.json`: `cscaudit audit <center> --json` of every bundled sample center
  (`samples/centers/*`);
- `assess-district.json`: `cscaudit assess samples/district --json --workers 2`;
- `audit-gen-<name>.json`: `cscaudit audit` of centers generated with defects
  (`cscaudit samples generate`, fixed seeds and defect rates, see `GENERATED`): a small CSV
  center, an XLSX center and a larger CSV center whose household ids are rewritten in
  several spellings (`cscaudit.samples.respell`, roster `5-2-101`, visits mixed);
- `manifest.json`: every run's command (paths relative to the repository or to OUTDIR) and
  exit code, so a change of exit code is a difference too, and the sha256 of every generated
  file, so a change of the generator is told apart from a change of the audit.

Generated centers go to `OUTDIR/scratch/<name>` (emptied first), so every path a run sees is
the same from one produce to the next. `--quick` runs one sample center and one small
generated center (for the tests). No workbook is written (`--no-xlsx`): the run JSON is the
object compared.

What could vary between runs or machines (checked by producing twice into folders at
different paths, and by reading where the code uses the clock or the machine):
- absolute paths: none in the run JSON (inputs, evidence files and district sources are
  written relative to the center or district folder); the manifest writes paths relative to
  the repository or OUTDIR;
- timings: none in the run JSON;
- the audit year: `audit` defaults to last calendar year, but every center used here
  declares `year: 2024`, so the clock does not enter; `--as-of` (today) is only used with
  `--rectification`, which is not run;
- `tool` ("cscaudit 0.1.0"): identical while the version is not bumped; it is kept, so a
  version bump shows up as a listed difference (`compare --ignore /tool` skips it);
- worker count and scheduling: `assess` restores discovery order, so none.
Nothing is normalised: every file is the CLI's own bytes.

`compare` checks every `*.json` in either folder: identical bytes, or the first `--limit`
differing JSON paths with both values (or a note that the parsed values are equal and only
the bytes differ). It exits 1 on any difference or missing file, 0 when all are identical.
Standard library and cscaudit only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MISSING = object()


@dataclass(frozen=True)
class Generated:
    """One generated center: the `samples generate` settings and an optional respelling."""

    name: str
    records: int
    seed: int
    defect_rate: float
    fmt: str
    visits_spelling: str | None = None  # a `cscaudit.samples.respell` spelling for visits


GENERATED = (
    Generated("csv-small", records=2_000, seed=101, defect_rate=0.15, fmt="csv"),
    Generated("xlsx", records=6_000, seed=202, defect_rate=0.1, fmt="xlsx"),
    Generated("csv-respelled", records=12_000, seed=303, defect_rate=0.05, fmt="csv",
              visits_spelling="mixed"),
)
QUICK_GENERATED = (
    Generated("quick-respelled", records=400, seed=404, defect_rate=0.2, fmt="csv",
              visits_spelling="mixed"),
)


@dataclass(frozen=True)
class Run:
    """One command whose run JSON is kept."""

    output: str  # file name in OUTDIR
    args: tuple[str, ...]  # after `python -m cscaudit`, without --json


def shown(path: Path, outdir: Path, root: Path) -> str:
    """A path as the manifest writes it: relative to OUTDIR or the repository."""
    for base, label in ((outdir, "OUTDIR"), (root, "")):
        try:
            rel = path.resolve().relative_to(base.resolve())
        except ValueError:
            continue
        return f"{label}/{rel.as_posix()}" if label else rel.as_posix()
    return path.as_posix()


def cscaudit(*args: str, cwd: Path, ok: tuple[int, ...] = (0, 1, 2)) -> int:
    """Run `python -m cscaudit ARGS`; its exit code, one of `ok` (else stop with its output)."""
    done = subprocess.run([sys.executable, "-m", "cscaudit", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        raise SystemExit(f"cscaudit {' '.join(args)} failed ({done.returncode}):\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.returncode


def generate(spec: Generated, scratch: Path) -> Path:
    """Generate `spec` into `scratch/<name>` (emptied first); the center's folder."""
    target = scratch / spec.name
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    cscaudit("samples", "generate", "--centers", "1", "--records-per-center", str(spec.records),
             "--seed", str(spec.seed), "--defect-rate", str(spec.defect_rate),
             "--format", spec.fmt, "-q", "-o", str(target), cwd=scratch, ok=(0,))
    center = next(target.rglob("center.yaml")).parent
    if spec.visits_spelling is not None:
        from cscaudit.samples.respell import respell_center

        respell_center(center, roster="dash", visits=spec.visits_spelling)
    return center


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by POSIX path relative to it."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def planned_runs(outdir: Path, root: Path, quick: bool) -> list[Run]:
    samples = root / "samples"
    centers = sorted(p for p in (samples / "centers").iterdir() if (p / "center.yaml").is_file())
    runs = [Run(f"audit-{c.name}.json", ("audit", str(c), "--no-xlsx", "-q"))
            for c in (centers[:1] if quick else centers)]
    if not quick:
        runs.append(Run("assess-district.json",
                        ("assess", str(samples / "district"), "--workers", "2", "--no-xlsx", "-q")))
    scratch = outdir / "scratch"
    for spec in QUICK_GENERATED if quick else GENERATED:
        center = generate(spec, scratch)
        runs.append(Run(f"audit-gen-{spec.name}.json", ("audit", str(center), "--no-xlsx", "-q")))
    return runs


def produce(outdir: Path, root: Path, quick: bool) -> None:
    outdir, root = outdir.resolve(), root.resolve()  # the runs' working folder is OUTDIR
    outdir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {}
    for run in planned_runs(outdir, root, quick):
        target = outdir / run.output
        target.unlink(missing_ok=True)
        code = cscaudit(*run.args, "--json", str(target), cwd=outdir)
        if not target.is_file():
            raise SystemExit(f"cscaudit {' '.join(run.args)} wrote no JSON (exit {code})")
        command = ["cscaudit", *(shown(Path(a), outdir, root) if "/" in a else a for a in run.args)]
        manifest[run.output] = {"command": command, "exit_code": code}
        print(f"{run.output}: exit {code}")
    manifest["generated_files"] = file_hashes(outdir / "scratch")
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (outdir / "manifest.json").write_text(text, encoding="utf-8")


def differences(a: object, b: object, path: str = "") -> Iterator[tuple[str, object, object]]:
    """JSON paths (`/findings/3/row`) where `a` and `b` differ, in document order."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            yield from differences(a.get(key, MISSING), b.get(key, MISSING), f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            yield from differences(a[i] if i < len(a) else MISSING,
                                   b[i] if i < len(b) else MISSING, f"{path}/{i}")
    elif type(a) is not type(b) or a != b:
        yield path or "/", a, b


def brief(value: object, width: int = 120) -> str:
    if value is MISSING:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_file(a: Path, b: Path, limit: int, ignore: tuple[str, ...]) -> list[str]:
    """Lines describing how `b` differs from `a`; empty when identical."""
    if not a.is_file() or not b.is_file():
        return [f"  only in {a.parent if a.is_file() else b.parent}"]
    raw_a, raw_b = a.read_bytes(), b.read_bytes()
    if raw_a == raw_b:
        return []
    try:
        value_a, value_b = json.loads(raw_a), json.loads(raw_b)
    except ValueError as exc:
        return [f"  bytes differ and one is not JSON: {exc}"]
    found = [d for d in differences(value_a, value_b)
             if not any(d[0] == p or d[0].startswith(p + "/") for p in ignore)]
    if not found:
        if ignore and value_a != value_b:
            return []
        return ["  same JSON value, different bytes (formatting or key order)"]
    lines = [f"  {len(found)} differing path(s)"
             + (f", first {limit}:" if len(found) > limit else ":")]
    for where, left, right in found[:limit]:
        lines.append(f"  {where}\n    A: {brief(left)}\n    B: {brief(right)}")
    return lines


def compare(dir_a: Path, dir_b: Path, limit: int, ignore: tuple[str, ...]) -> int:
    names = sorted({p.name for d in (dir_a, dir_b) for p in d.glob("*.json")})
    if not names:
        print(f"no *.json in {dir_a} or {dir_b}")
        return 1
    failed = 0
    for name in names:
        lines = compare_file(dir_a / name, dir_b / name, limit, ignore)
        print(f"{name}: {'identical' if not lines else 'DIFFERENT'}")
        for line in lines:
            print(line)
        failed += bool(lines)
    print(f"{len(names) - failed} identical, {failed} different")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("produce", help="run the fixed set of audits into OUTDIR")
    make.add_argument("outdir", type=Path)
    make.add_argument("--quick", action="store_true", help="one sample, one small center")
    make.add_argument("--root", type=Path, default=ROOT,
                      help="the checkout whose samples/ are run (default: this script's)")
    check = sub.add_parser("compare", help="compare two produced folders")
    check.add_argument("dir_a", type=Path)
    check.add_argument("dir_b", type=Path)
    check.add_argument("--limit", type=int, default=10, help="differing paths shown per file")
    check.add_argument("--ignore", action="append", default=[], metavar="JSON_PATH",
                       help="a JSON path (and everything under it) to leave out, e.g. /tool")
    args = parser.parse_args(argv)
    if args.command == "produce":
        produce(args.outdir, args.root, args.quick)
        return 0
    return compare(args.dir_a, args.dir_b, args.limit, tuple(args.ignore))


if __name__ == "__main__":
    sys.exit(main())
