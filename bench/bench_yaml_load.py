"""Benchmark the configuration loader (`cscaudit.config.yamlio`) on the bundled YAML files.

Every `*.yaml` under samples/, checklists/ and standards/ is read into memory once; then,
alternately, each round loads all of them with `load_yaml_text` and with PyYAML's
`yaml.load(text, CSafeLoader)` (the same C parser, building plain data without positions or
checks), the baseline measured in the same run. Prints the median time of each and their
ratio; compare the ratio printed on two branches (the loader's absolute time depends on the
machine, the ratio much less).

Run from the repository root: `python bench/bench_yaml_load.py [--rounds 15]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from cscaudit.config.yamlio import load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("samples", "checklists", "standards")


def sample_texts() -> list[tuple[str, str]]:
    files = sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.yaml"))
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files]


def _timed(load: Callable[[str, str], Any], texts: list[tuple[str, str]]) -> float:
    start = time.perf_counter()
    for name, text in texts:
        load(text, name)
    return time.perf_counter() - start


def _baseline(text: str, name: str) -> Any:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    texts = sample_texts()
    size = sum(len(text) for _, text in texts)
    ours: list[float] = []
    base: list[float] = []
    _timed(load_yaml_text, texts)  # warm-up: imports, regex compilation
    for _ in range(args.rounds):
        ours.append(_timed(load_yaml_text, texts))
        base.append(_timed(_baseline, texts))
    mine, theirs = statistics.median(ours), statistics.median(base)
    print(f"{len(texts)} files, {size / 1024:.0f} KiB of YAML, {args.rounds} rounds (median)")
    print(f"  cscaudit.config.yamlio.load_yaml_text: {mine * 1000:8.1f} ms")
    print(f"  yaml.load(CSafeLoader):         {theirs * 1000:8.1f} ms")
    print(f"  ratio loader / baseline:        {mine / theirs:8.2f}x")


if __name__ == "__main__":
    main()
