"""What `cscaudit assess` writes: the run JSON, and one workbook, or (`--split-by`) a
summary workbook plus one workbook per street or district.

Every output is staged and renamed together (all or none), each checked writable before the
long run; the units' workbooks are named beside `-o` (`report.district.units.unit_paths`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cscaudit.engine.district.assessment import Assessment
from cscaudit.engine.district.discover import District
from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.report.district.units import SPLITS, SplitBy, split_assessment, unit_paths
from cscaudit.report.options import OutputOptions
from cscaudit.run_inputs import RunInputs
from cscaudit.scoring.district.ranking import Previous


@dataclass(frozen=True)
class SplitUnits:
    """`--split-by` and the workbook path of each unit."""

    split_by: SplitBy
    paths: Mapping[str, Path]


@dataclass(frozen=True, kw_only=True)
class OutputLayout:
    output: Path
    json_path: Path | None
    no_xlsx: bool
    units: SplitUnits | None
    sheet_limit: int | None
    peers: Mapping[str, float] | None
    previous: Mapping[str, Previous] | None


def parse_split(value: str | None, *, no_xlsx: bool) -> SplitBy | None:
    """`--split-by` checked before the run."""
    if value is None:
        return None
    for split in SPLITS:
        if value == split:
            if no_xlsx:
                raise InputError(t("--split-by 拆分的是工作簿，不能与 --no-xlsx 同时使用",
                                   "--split-by splits the workbooks: it cannot go with --no-xlsx"))
            return split
    raise InputError(t(f"--split-by {value!r} 无法识别：应为 street（每个街道一个工作簿）或 district（每个区一个）",
                       f"--split-by {value!r} is not understood: give street (one workbook per "
                       "street) or district (one per district)"))


def plan_units(district: District, split_by: SplitBy | None, output: Path,
               json_path: Path | None) -> SplitUnits | None:
    """The units' workbook paths, none the `--json` path (`check_units` checks the rest)."""
    if split_by is None:
        return None
    from cscaudit.input_files import resolve_input

    paths = unit_paths(district, split_by, output)
    for path in paths.values():
        if json_path is not None and resolve_input(path) == resolve_input(json_path):
            raise InputError(t("--json 与某个单位的工作簿同名：请换一个 --json 路径",
                               "--json names one unit's workbook: choose another --json path"),
                             file=str(path))
    return SplitUnits(split_by, paths)


def check_units(units: SplitUnits | None, inputs: RunInputs) -> None:
    """Each unit's workbook, like `-o`: not one of the run's inputs, writable (before the run
    against the files named, after it against every file read)."""
    from cscaudit.report.atomic import check_outputs

    for path in units.paths.values() if units is not None else ():
        check_outputs(path, None, inputs)


def write_outputs(assessment: Assessment, layout: OutputLayout,
                  shown: OutputOptions) -> list[Path]:
    """Stage every output, then rename them all into place (or none on an error)."""
    from cscaudit.report.atomic import staged_outputs
    from cscaudit.report.district.workbook import CENTER_SHEETS_LIMIT, build_workbook
    from cscaudit.report.xlsx_save import collector_paused, saver

    limit = CENTER_SHEETS_LIMIT if layout.sheet_limit is None else layout.sheet_limit
    written: list[Path] = []
    with staged_outputs() as outputs:
        if layout.json_path is not None:
            from cscaudit.report.district.run_json import to_run_json

            outputs.stage_bytes(layout.json_path,
                                to_run_json(assessment, shown).encode())
            written.append(layout.json_path)
        if layout.no_xlsx:
            return written
        if layout.units is None:
            with collector_paused():
                outputs.stage(layout.output, saver(build_workbook(assessment, shown, limit)))
            return [*written, layout.output]
        from cscaudit.report.district.summary_workbook import build_summary

        units = split_assessment(assessment, layout.units.split_by, layout.units.paths,
                                 peers=layout.peers, previous=layout.previous)
        with collector_paused():
            outputs.stage(layout.output, saver(build_summary(assessment, units, shown, limit)))
        written.append(layout.output)
        for unit in units:
            with collector_paused():
                outputs.stage(unit.path, saver(build_workbook(unit.assessment, shown, limit)))
            written.append(unit.path)
    return written
