"""The exports of the three sample centers shipped in `samples/centers/`.

Identity, households, blocks, staff count and published service items (with the time limits
the ledger promises) come from each center's own center.yaml, so the exports agree with the
configuration. The rest is fixed here and tells a story for the year-end audit: Ningbo
(和悦) keeps clean ledgers (≈ 优秀), Beijing (新苑) has some gaps (≈ 合格), Wuhan (清河) has
many, including signs of made-up ledgers (≈ 不合格). `write_bundled(samples_root)` rewrites
them byte for byte; run `cscaudit samples bundled` after changing the generator and commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.samples.exports import PlantedRow, write_exports
from cscaudit.samples.model import CenterSpec, Format

SOME_DEFECTS = frozenset({
    "late_case", "ledger_missing_field", "bad_rating_no_revisit", "household_under_visited",
    "household_missing_content", "issue_not_closed", "activity_missing_summary", "complaint_late",
    "drill_missing_improvements", "post_no_backup",
})


@dataclass(frozen=True, slots=True)
class Story:
    """What the generator adds to a sample center's configuration."""

    id: str
    seed: int
    defect_rate: float
    format: Format
    defects: frozenset[str] | None = None
    visits_format: str | None = None


STORIES: tuple[Story, ...] = (
    Story("ningbo-yinzhou-heyue", 36735, 0.0, "mixed", visits_format="xlsx"),
    Story("beijing-changping-xinyuan", 2018, 0.3, "xlsx", SOME_DEFECTS),
    Story("wuhan-jinyinhu-qinghe", 2019, 0.3, "csv", visits_format="xlsx"),
)


def spec_for(story: Story, config: dict[str, Any]) -> CenterSpec:
    """The generator's settings for a sample center from its center.yaml and its story."""
    items = config.get("service_items") or None
    return CenterSpec(
        id=story.id, name=str(config.get("community") or config["name"]),
        street=str(config["street"]), district=str(config["district"]),
        city=str(config.get("city") or ""), year=int(config.get("year") or 2024),
        households=int(config.get("households") or 600), seed=story.seed,
        defect_rate=story.defect_rate, defects=story.defects, format=story.format,
        workers=config.get("blocks"), staff=config.get("staff_count"),
        service_items=None if items is None else tuple(
            (str(i["id"]), i.get("time_limit_days")) for i in items if isinstance(i, dict)),
        visits_format="xlsx" if story.visits_format == "xlsx" else None,
    )


def bundled_specs(samples_root: Path) -> list[CenterSpec]:
    from cscaudit.config.documents import load_document

    specs = []
    for story in STORIES:
        loaded = load_document(samples_root / "centers" / story.id / "center.yaml", "center")
        specs.append(spec_for(story, loaded.data))
    return specs


def write_bundled(samples_root: Path, out_root: Path | None = None,
                  ) -> dict[str, list[PlantedRow]]:
    """(Re)write `<out_root>/centers/<id>/exports/*` (out_root defaults to samples_root)."""
    planted: dict[str, list[PlantedRow]] = {}
    for spec in bundled_specs(samples_root):
        center_dir = (out_root or samples_root) / "centers" / spec.id
        exports = center_dir / "exports"
        if exports.is_dir():
            for old in exports.iterdir():
                if old.is_file() and old.suffix.lower() in (".csv", ".xlsx"):
                    old.unlink()
        planted[spec.id] = write_exports(spec, center_dir)
    return planted
