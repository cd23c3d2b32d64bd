"""Benchmark: writing the district workbook (`report/district/workbook.write_workbook`), this
checkout against a baseline commit, in the same run.

    python bench/bench_workbook.py [--assessment A.pkl] [--baseline main] [--rounds 5]

The assessment is a pickled `Assessment` (`--assessment`; a 150-center assessment of
50,000-record centers is the size of issue 18's goal 2), or by default the bundled
`samples/district` assessed once here (1 worker). The baseline's `src` is taken from git
(`git archive <ref> src`) into a temporary folder. Each round runs one process per side,
alternating which goes first; a process loads the assessment, writes the workbook once
(warm-up: imports, caches), then `--repeat` more times, and reports the median. The
collector is tuned as `cscaudit` tunes it (`cli.app.GC_ALLOCATIONS`). Prints each side's
median over the rounds and the ratio this checkout / baseline (goal: <= 0.65, at least
35 % faster). Public tools only: the standard library, git and cscaudit.
"""

from __future__ import annotations

import argparse
import io
import os
import pickle
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(assessment: Path, repeat: int, out: Path) -> None:
    """In a process whose `cscaudit` is the side measured: print the median write time."""
    import gc

    from cscaudit.cli.app import GC_ALLOCATIONS
    from cscaudit.report.district.workbook import write_workbook
    from cscaudit.report.options import OutputOptions

    gc.set_threshold(GC_ALLOCATIONS, 20, 10)
    with assessment.open("rb") as handle:
        loaded = pickle.load(handle)  # a file this benchmark or its user made
    write_workbook(loaded, out, OutputOptions("zh"))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write_workbook(loaded, out, OutputOptions("zh"))
        times.append(time.perf_counter() - start)
    print(f"{statistics.median(times):.4f}")


def sample_assessment(target: Path) -> None:
    """The bundled sample district, assessed here, pickled to `target`."""
    from cscaudit.engine.district.assessment import AssessOptions, assess_district

    assessment = assess_district(ROOT / "samples" / "district", AssessOptions(workers=1))
    target.write_bytes(pickle.dumps(assessment))


def baseline_source(ref: str, into: Path) -> Path:
    """`src` of commit `ref` of this repository, extracted into `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def measure(src: Path, assessment: Path, repeat: int, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "cscaudit-bench-pycache"))
    result = subprocess.run([sys.executable, __file__, "--child", str(assessment),
                             "--repeat", str(repeat), "--out", str(out)],
                            check=True, capture_output=True, text=True, env=env, cwd=out.parent)
    return float(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--assessment", type=Path, help="a pickled Assessment")
    parser.add_argument("--baseline", default="main", help="git ref to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="writes per process, after one")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.repeat, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="bench-workbook-") as tmp:
        work = Path(tmp)
        assessment = args.assessment
        if assessment is None:
            assessment = work / "sample-district.pkl"
            sample_assessment(assessment)
        sides = {"baseline": baseline_source(args.baseline, work / "baseline"),
                 "this checkout": ROOT / "src"}
        times: dict[str, list[float]] = {side: [] for side in sides}
        for n in range(args.rounds):
            order = list(sides) if n % 2 == 0 else list(reversed(sides))
            for side in order:
                times[side].append(measure(sides[side], assessment, args.repeat,
                                           work / f"{side.split()[0]}.xlsx"))
            print(f"round {n + 1}: " + ", ".join(f"{s} {times[s][-1]:.3f} s" for s in sides),
                  flush=True)
        old, new = (statistics.median(times[side]) for side in sides)
        print(f"write_workbook median: baseline ({args.baseline}) {old:.3f} s, "
              f"this checkout {new:.3f} s")
        print(f"ratio this checkout / baseline: {new / old:.2f} (goal <= 0.65)")


if __name__ == "__main__":
    main()
