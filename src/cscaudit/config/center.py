"""Load one community service center: its center.yaml and its emergency plans.

`load_center(path)` accepts the center's folder or its center.yaml. It checks center.yaml
against `center.schema.json`, then each plan (inline under `emergency_plans:`, or a file
named by `file:` relative to the center folder, kind: emergency-plan). When center.yaml has
no `emergency_plans:` key, every `plans/*.yaml` file is loaded. Every problem that makes the
center unusable raises `ConfigError` (or `InputError` for a missing file) naming the file,
line and column and what to do. Cross-references to the standard's catalogues (zone ids,
service item ids...) are checked by `cscaudit validate`, not here: unknown ids simply do not
count in the audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cscaudit.config.confinement import export_path_problems, exports_may_be_outside, is_inside
from cscaudit.config.documents import load_document
from cscaudit.config.plans import EmergencyPlan, build_plan
from cscaudit.config.standard import load_standard
from cscaudit.config.standard_model import Standard
from cscaudit.config.yamlio import LoadedYaml
from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.errors import ConfigError, InputError
from cscaudit.i18n import t
from cscaudit.input_files import named_by, require_regular_file, resolve_input, shown_path

CENTER_FILE = "center.yaml"
PLANS_DIR = "plans"

YEAR_MIN = 2019  # the bounds center.schema.json puts on `year:`; `--year` uses the same
YEAR_MAX = 2100

__all__ = ["CENTER_FILE", "YEAR_MAX", "YEAR_MIN", "Center", "EmergencyPlan", "center_file",
           "declared_id", "integral_year", "load_center"]


def integral_year(value: object) -> int | None:
    """`value` as a year: an int, or a float with no fraction (YAML `2024.0`, which JSON Schema
    accepts as an integer); None for anything else (booleans included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def declared_id(folder: Path) -> tuple[str | None, int | None, int | None]:
    """The `id:` the folder's center.yaml declares, with its line and column; (None, None,
    None) when the file cannot be read or declares no usable id. Read without the schema, so
    `assess` and `validate` can compare ids of centers that may not load in full."""
    from cscaudit.config.yamlio import load_yaml
    from cscaudit.errors import CscauditError

    try:
        loaded = load_yaml(folder / CENTER_FILE)
    except (CscauditError, OSError):
        return None, None, None
    value = loaded.data.get("id") if isinstance(loaded.data, dict) else None
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        return None, None, None
    line, col = loaded.locate(("id",))
    return str(value), line, col


@dataclass(frozen=True)
class Center:
    """A validated center configuration with its plans."""

    root: Path
    file: Path
    id: str
    name: str
    street: str
    district: str
    city: str | None
    data: Mapping[str, Any] = field(repr=False)
    plans: tuple[EmergencyPlan, ...]
    exports: Mapping[str, Any] | None
    source: LoadedYaml = field(repr=False)

    @property
    def exports_outside(self) -> bool:
        """center.yaml lets its exports lie outside its folder (`exports.allow_outside`)."""
        return exports_may_be_outside(self.exports)

    @property
    def profile(self) -> str | None:
        value = self.data.get("profile")
        return value if isinstance(value, str) else None

    @property
    def year(self) -> int | None:
        return integral_year(self.data.get("year"))

    def ids(self, key: str) -> tuple[str, ...]:
        """Ids listed under `zones`, `postings`, `amenities` or `service_items`."""
        out: list[str] = []
        for entry in self.data.get(key) or ():
            value = entry.get("id") if isinstance(entry, Mapping) else entry
            if isinstance(value, str) and value not in out:
                out.append(value)
        return tuple(out)

    @property
    def zone_ids(self) -> tuple[str, ...]:
        return self.ids("zones")

    @property
    def posting_ids(self) -> tuple[str, ...]:
        return self.ids("postings")

    @property
    def amenity_ids(self) -> tuple[str, ...]:
        return self.ids("amenities")

    @property
    def service_item_ids(self) -> tuple[str, ...]:
        return self.ids("service_items")

    @property
    def posts(self) -> tuple[YamlMapping, ...]:
        return tuple(p for p in self.data.get("posts") or () if isinstance(p, Mapping))


def center_file(path: str | Path) -> Path:
    """center.yaml of a center folder (or the file itself); InputError when there is none."""
    p = Path(path)
    if p.is_dir():
        p = p / CENTER_FILE
    require_regular_file(p)
    if not p.is_file():
        raise InputError(
            t("找不到 center.yaml：请指定服务中心文件夹或其 center.yaml",
              "no center.yaml here: give a center folder or its center.yaml"),
            file=str(p))
    return p


def _check_exports(loaded: LoadedYaml, root: Path, exports: Mapping[str, Any]) -> None:
    """`exports.dir` and each `exports.tables.X.file` stay inside the center folder, as
    plans do, unless center.yaml opts out with `exports.allow_outside: true`; a path that
    cannot even be probed (links that loop, too long) is refused at its line too."""
    for problem in export_path_problems(root, exports)[:1]:
        line, col = loaded.locate(problem.at)
        raise ConfigError(problem.message, file=loaded.path, line=line, column=col)


def _plan_file(loaded: LoadedYaml, root: Path, rel: str, index: int) -> Path:
    at = ("emergency_plans", index, "file")
    line, col = loaded.locate(at)
    try:
        target = resolve_input(root / rel)
        inside = is_inside(resolve_input(root), target)
        if inside:
            require_regular_file(target)
    except InputError as exc:  # links that loop, a name too long: at center.yaml's line
        raise ConfigError(named_by(rel, exc), file=loaded.path, line=line, column=col) from None
    if not inside:
        raise ConfigError(t(f"预案文件 {shown_path(rel)} 不在服务中心文件夹内：请把它放到 plans/ 下",
                            f"plan file {shown_path(rel)} is outside the center folder: move it "
                            "under plans/"),
                          file=loaded.path, line=line, column=col)
    if not target.is_file():
        raise ConfigError(t(f"找不到预案文件 {shown_path(rel)}：请检查路径（相对 center.yaml 所在文件夹）",
                            f"plan file {shown_path(rel)} not found: check the path (relative to "
                            "center.yaml)"),
                          file=loaded.path, line=line, column=col)
    return root / rel


def _check_owner(plan: EmergencyPlan, center_id: str) -> None:
    owner = plan.data.get("center")
    if owner is not None and owner != center_id:
        line, col = plan.locate(("center",))
        raise ConfigError(t(f"预案属于中心 {owner}，而 center.yaml 的编号是 {center_id}：请改正其中一个",
                            f"the plan belongs to center {owner} but center.yaml's id is "
                            f"{center_id}: correct one of them"),
                          file=plan.source.path, line=line, column=col)


def _plans(loaded: LoadedYaml, root: Path, standard: Standard) -> list[EmergencyPlan]:
    data: Mapping[str, Any] = loaded.data
    plans: list[EmergencyPlan] = []
    if "emergency_plans" not in data:
        folder = root / PLANS_DIR
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
        for path in files:
            plan_doc = load_document(path, "emergency-plan")
            plans.append(build_plan(plan_doc.data, plan_doc, (), path, standard))
        return plans
    seen: dict[Path, int] = {}
    for i, entry in enumerate(data.get("emergency_plans") or ()):
        if "file" in entry:
            path = _plan_file(loaded, root, str(entry["file"]), i)
            key = resolve_input(path)
            if key in seen:
                line, col = loaded.locate(("emergency_plans", i, "file"))
                raise ConfigError(t(f"预案文件 {entry['file']} 被重复引用：请删除重复项",
                                    f"plan file {entry['file']} is listed twice: remove one"),
                                  file=loaded.path, line=line, column=col)
            seen[key] = i
            plan_doc = load_document(path, "emergency-plan")
            plans.append(build_plan(plan_doc.data, plan_doc, (), path, standard))
        else:
            plans.append(build_plan(entry, loaded, ("emergency_plans", i), Path(loaded.path),
                                    standard))
    return plans


def load_center(path: str | Path, standard: Standard | None = None) -> Center:
    """The center at `path` (a folder or its center.yaml), validated, with its plans."""
    file = center_file(path)
    loaded = load_document(file, "center")
    root = file.parent
    std = standard or load_standard()
    data: Mapping[str, Any] = loaded.data
    plans = _plans(loaded, root, std)
    for plan in plans:
        _check_owner(plan, str(data["id"]))
    exports = data.get("exports")
    if isinstance(exports, Mapping):
        _check_exports(loaded, root, exports)
    return Center(
        root=root, file=file, id=str(data["id"]), name=str(data["name"]),
        street=str(data["street"]), district=str(data["district"]),
        city=str(data["city"]) if "city" in data else None, data=data, plans=tuple(plans),
        exports=exports if isinstance(exports, Mapping) else None, source=loaded,
    )
