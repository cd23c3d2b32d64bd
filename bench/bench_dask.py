"""Process pool against Dask (`--scheduler local:N`) on a synthetic province.

`cscaudit samples generate` makes the province (CSV exports, several streets; kept in --dir
for reuse), then `cscaudit assess` runs on it twice, each in a fresh process: with the
process pool (`--workers N`) and with a LocalCluster of N worker processes
(`--scheduler local:N`, cluster start-up included). Printed: both wall times, their ratio
(Dask / pool; the pool is the baseline measured in the same run), the parent process's peak
RSS in each (the workers' memory is their own), and whether the two run JSONs are byte-identical.
With --workbooks both runs also write the province's workbooks (`--split-by street`).

Full size (600 centers x 5,000 records, about 3 million rows):
    python bench/bench_dask.py --dir /tmp/province-600
Quick (30 centers x 1,000 records):
    python bench/bench_dask.py --quick
Needs the dask extra: pip install 'cscaudit[dask]'.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs the CLI in this child process and reports its own peak RSS (KB on Linux) at the end.
CHILD = """
import resource, sys
from cscaudit.cli.app import main
sys.argv = ["cscaudit", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "EXIT", code,
      file=sys.stderr)
"""


def generate(target: Path, centers: int, records: int, streets: int) -> None:
    if (target / "district.yaml").is_file():
        return
    subprocess.run([sys.executable, "-m", "cscaudit", "samples", "generate", "--centers",
                    str(centers), "--records-per-center", str(records), "--streets",
                    str(streets), "-o", str(target), "--seed", "7", "--format", "csv", "-q"],
                   check=True)


def assess(root: Path, out: Path, how: list[str], workbooks: bool) -> tuple[float, float]:
    """Wall seconds and the parent's peak RSS in MB of one `cscaudit assess` run."""
    args = [str(root), "--json", str(out / "run.json"), "-q", *how]
    args += ["-o", str(out / "province.xlsx"), "--split-by", "street"] if workbooks \
        else ["--no-xlsx"]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "assess", *args], capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - start
    line = next((x for x in done.stderr.splitlines() if x.startswith("PEAK_KB")), None)
    if line is None or not line.endswith("EXIT 0"):
        sys.exit(f"assess {' '.join(how)} failed:\n{done.stderr[-2000:]}")
    return seconds, int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=600)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--streets", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="30 centers x 1,000 records")
    parser.add_argument("--workbooks", action="store_true",
                        help="also write the workbooks (--split-by street)")
    parser.add_argument("--dir", type=Path, help="keep the generated province here")
    opts = parser.parse_args()
    if opts.quick:
        opts.centers, opts.records, opts.streets = 30, 1000, 3
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        root = opts.dir or Path(tmp) / "province"
        started = time.perf_counter()
        generate(root, opts.centers, opts.records, opts.streets)
        print(f"province: {opts.centers} centers x {opts.records} records, {opts.streets} "
              f"streets ({time.perf_counter() - started:.1f} s to generate or reuse)")
        (Path(tmp) / "pool").mkdir()
        (Path(tmp) / "dask").mkdir()
        pool = assess(root, Path(tmp) / "pool", ["--workers", str(opts.workers)],
                      opts.workbooks)
        dask = assess(root, Path(tmp) / "dask", ["--scheduler", f"local:{opts.workers}"],
                      opts.workbooks)
        same = (Path(tmp) / "pool" / "run.json").read_bytes() == \
            (Path(tmp) / "dask" / "run.json").read_bytes()
    print(f"{'backend':<22}{'wall':>10}{'parent peak RSS':>18}")
    print(f"{'pool --workers ' + str(opts.workers):<22}{pool[0]:>9.1f}s{pool[1]:>15.0f} MB")
    print(f"{'dask local:' + str(opts.workers):<22}{dask[0]:>9.1f}s{dask[1]:>15.0f} MB")
    print(f"ratio dask / pool: {dask[0] / pool[0]:.2f}; run JSON byte-identical: {same}")


if __name__ == "__main__":
    main()
