"""A synthetic district: streets of centers, each with center.yaml, plans and exports.

`generate_district(settings, out)` writes
  out/district.yaml                      kind: district, the centers with their street
  out/<street>/<center>/center.yaml      kind: center (plus plans/*.yaml)
  out/<street>/<center>/exports/*        the center's tables
  out/<street>/<center>/inspection-findings.yaml   when its made-up ledger was confirmed
  out/defects.json                       what was planted where (per center, per kind)
Deterministic: the same settings give the same bytes.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.samples import names
from cscaudit.samples.center_config import write_center_config
from cscaudit.samples.defects import manifest_entry
from cscaudit.samples.exports import build_tables, write_exports
from cscaudit.samples.inspection import write_inspection_findings
from cscaudit.samples.model import CenterSpec, Format, stable_seed
from cscaudit.samples.writers import atomic_write

STREET_NAMES = ("中河街道", "首南街道", "钟公庙街道", "回龙观街道", "金银湖街道", "东湖街道",
                "南湖街道", "城关街道", "新华街道", "和平街道", "长安街道", "人民路街道")
# Visits are the bulk: about 7.6 visits, 2.2 ledger cases and one roster row per household.
RECORDS_PER_HOUSEHOLD = 10.9


@dataclass(frozen=True, slots=True)
class DistrictSettings:
    centers: int
    records_per_center: int
    seed: int = 1
    defect_rate: float = 0.0
    format: Format = "mixed"
    year: int = 2024
    streets: int | None = None
    city: str = "宁波市"
    district: str = "示例区"


def households_for(records: int) -> int:
    """Households that give about `records` rows across all tables of a center."""
    return max(20, round(records / RECORDS_PER_HOUSEHOLD))


def center_specs(settings: DistrictSettings) -> list[tuple[str, CenterSpec]]:
    """(street slug, spec) for every center of the district, in order."""
    rng = random.Random(stable_seed(settings.seed, "district"))
    n_streets = settings.streets or max(1, math.ceil(settings.centers / 8))
    streets = [STREET_NAMES[i % len(STREET_NAMES)] + ("" if i < len(STREET_NAMES) else str(i))
               for i in range(n_streets)]
    used: set[str] = set()
    base = households_for(settings.records_per_center)
    out: list[tuple[str, CenterSpec]] = []
    for i in range(settings.centers):
        street_index = i % n_streets
        name = names.community_name(rng, used)
        size = max(20, round(base * rng.uniform(0.85, 1.15)))
        spec = CenterSpec(
            id=f"c{i + 1:03d}", name=name, street=streets[street_index],
            district=settings.district, city=settings.city, year=settings.year,
            households=size, seed=stable_seed(settings.seed, i),
            defect_rate=settings.defect_rate, format=settings.format,
        )
        out.append((f"s{street_index + 1:02d}", spec))
    return out


def prepare_output(out: Path) -> None:
    """Make `out` ready: new or empty, or a district generated before (its centers removed).

    Anything else is refused rather than mixed with generated centers.
    """
    if out.exists() and not out.is_dir():
        raise InputError(t("输出路径已存在且不是文件夹：请换一个文件夹",
                           "the output path exists and is not a folder: choose a folder"),
                         file=str(out))
    if not out.exists() or not any(out.iterdir()):
        out.mkdir(parents=True, exist_ok=True)
        return
    manifest = out / "defects.json"
    if not manifest.is_file():
        raise InputError(t("输出文件夹非空且不是以前生成的辖区：请指定空文件夹",
                           "the output folder is not empty and holds no generated district: "
                           "choose an empty folder"), file=str(out))
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8"))["centers"]
        folders = [out / str(c["path"]) for c in previous.values()]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(t("defects.json 无法读取：请删除该文件夹后重新生成",
                           "defects.json cannot be read: delete the folder and generate again"),
                         file=str(manifest)) from None
    for folder in folders:
        if folder.resolve().is_relative_to(out.resolve()) and (folder / "center.yaml").is_file():
            shutil.rmtree(folder)
            if folder.parent != out and not any(folder.parent.iterdir()):
                folder.parent.rmdir()  # the street folder it leaves empty


def generate_district(settings: DistrictSettings, out: Path) -> dict[str, object]:
    """Write the district; return the defects manifest (also written to defects.json)."""
    prepare_output(out)
    listed: list[dict[str, str]] = []
    manifest: dict[str, object] = {}
    for street_slug, spec in center_specs(settings):
        rel = f"{street_slug}/{spec.id}"
        center_dir = out / rel
        built = build_tables(spec)
        planted = write_exports(spec, center_dir, built)
        planted += write_center_config(spec, center_dir, built)
        write_inspection_findings(spec, center_dir, planted)
        listed.append({"id": spec.id, "path": rel, "street": spec.street})
        manifest[spec.id] = manifest_entry(spec, rel, planted)
    lines = ["# yaml-language-server: $schema=https://cscaudit.github.io/schema/1/district.schema.json",
             "kind: district", "schema_version: 1",
             f"name: {settings.district}（合成数据）", f"year: {settings.year}", "centers:"]
    lines += [f"  - {{id: {c['id']}, path: {c['path']}, street: {c['street']}}}" for c in listed]
    atomic_write(out / "district.yaml", ("\n".join(lines) + "\n").encode())
    document = {"seed": settings.seed, "year": settings.year,
                "defect_rate": settings.defect_rate, "centers": manifest}
    atomic_write(out / "defects.json", (json.dumps(document, ensure_ascii=False, indent=1,
                                                   sort_keys=True) + "\n").encode())
    return document
