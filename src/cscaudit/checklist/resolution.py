"""Find, load and resolve checklists and profiles: `resolve(checklist, profile)`.

A reference is a shipped id (`gbt36735-annual` is `checklists/gbt36735-annual.yaml`, a profile
id is `checklists/profiles/<id>.yaml`) or a path to a YAML file. A profile's `extends` names a
checklist or another profile the same way, from the profile's folder: a relative path is taken
from there, and an id is first looked for among the checklists and profiles in that folder
(by their `id:`), then among the shipped ones. center.yaml's `profile:` id is looked up the
same way from the center's folder (as `cscaudit validate` does).

`resolve` loads the chain (checklist first), applies the profiles in order and checks every
indicator against its measure kind. Given both a checklist and a profile, the profile chain is
applied on top of that checklist instead of the one its root `extends`. The result is cached
per reference for as long as none of the files read has changed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from cscaudit.checklist.center_profile import profile_problem
from cscaudit.checklist.draft import Draft, Layer
from cscaudit.checklist.profiles import apply_profile
from cscaudit.checklist.resolved import Area, Origin, ResolvedChecklist, resolved_to_json
from cscaudit.config.yamlio import LoadedYaml
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.measures.base import FrameKind
from cscaudit.resources import checklists_dir, data_root
from cscaudit.suggest import did_you_mean

__all__ = ["DEFAULT_CHECKLIST", "Area", "Origin", "ResolvedChecklist", "find_document",
           "load_layer", "resolve", "resolved_to_json", "shipped_ids"]

DEFAULT_CHECKLIST = "gbt36735-annual"
MAX_CHAIN = 16


def shipped_ids() -> dict[str, tuple[str, Path]]:
    """Every shipped checklist and profile: id -> (kind, path)."""
    found: dict[str, tuple[str, Path]] = {}
    for kind, folder in (("checklist", checklists_dir()), ("profile", checklists_dir() / "profiles")):
        for path in sorted(folder.glob("*.yaml")):
            found.setdefault(path.stem, (kind, path))
    return found


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(data_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def _neighbour(ref: str, folder: Path) -> Path | None:
    """The first file (by name) in `folder` holding the checklist or profile whose id is `ref`,
    as `cscaudit validate` finds it (validate/known.py: `Known.neighbours`)."""
    from cscaudit.config.documents import checklist_or_profile

    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    return next((p for p in files
                 if p.is_file() and (doc := checklist_or_profile(p)) is not None and doc[0] == ref),
                None)


def find_document(ref: str | Path, base: Path | None = None) -> Path:
    """The file a reference names; ConfigError when there is none. `base` is the folder of the
    document that names it: a relative path is taken from there, and an id is looked up among
    the checklists and profiles there before the shipped ones (as `cscaudit validate` does)."""
    text = str(ref)
    looks_like_path = isinstance(ref, Path) or text.endswith((".yaml", ".yml")) or "/" in text \
        or "\\" in text
    if looks_like_path:
        path = Path(text)
        if base is not None and not path.is_absolute():
            path = base / path
        if path.is_file():
            return path
        raise ConfigError(t(f"找不到清单或配置文件：{text}",
                            f"no checklist or profile file at {text}"), file=str(path))
    nearby = _neighbour(text, base) if base is not None else None
    if nearby is not None:
        return nearby
    shipped = shipped_ids()
    if text in shipped:
        return shipped[text][1]
    known = "、".join(sorted(shipped))
    hint = did_you_mean(text, shipped)
    where_zh = f"，{base} 中也没有 id 为 {text} 的清单或配置" if base is not None else ""
    where_en = f"; none in {base} has id {text} either" if base is not None else ""
    raise ConfigError(t(f"未知的清单或配置编号：{text}（内置：{known}{where_zh}；也可给出文件路径）",
                        f"unknown checklist or profile id: {text} (shipped: "
                        f"{', '.join(sorted(shipped))}{where_en}; or give a file path)") + hint)


def load_layer(path: Path) -> tuple[str, Layer]:
    """Load a checklist or profile document: (kind, layer)."""
    from cscaudit.config.documents import document_kind, load_document
    from cscaudit.config.yamlio import load_yaml

    kind = document_kind(load_yaml(path).data)
    if kind not in ("checklist", "profile"):
        raise ConfigError(t(f"应为 kind: checklist 或 kind: profile，而不是 {kind}",
                            f"expected kind: checklist or kind: profile, not {kind}"),
                          file=_display(path), line=1, column=1)
    loaded = load_document(path, kind)
    return kind, Layer(str(loaded.data["id"]), _display(path), loaded)


def _profile_ids(folder: Path) -> list[str]:
    """The profiles center.yaml's `profile:` could name from `folder`: shipped ones and those
    in the folder (by their `id:`)."""
    from cscaudit.config.documents import checklist_or_profile

    ids = [ref for ref, (kind, _) in shipped_ids().items() if kind == "profile"]
    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    return ids + [doc[0] for p in files
                  if p.is_file() and (doc := checklist_or_profile(p)) is not None
                  and doc[1] == "profile"]


def _first(ref: str | Path, named_in: LoadedYaml | None) -> tuple[str, Layer]:
    """The kind and layer of the profile `ref` names; `named_in` is the document whose
    `profile:` named it (its folder is searched first, and what it names must be a profile:
    an unknown id or a checklist is an error at its `profile:` line, `center_profile`)."""
    if named_in is None:
        return load_layer(find_document(ref))
    folder = Path(named_in.path).parent
    try:
        path: Path | None = find_document(ref, folder)
    except ConfigError:
        path = None
    found = load_layer(path) if path is not None else None
    if found is not None and found[0] == "profile":
        return found
    problem = profile_problem(str(ref), found[0] if found else None, _profile_ids(folder),
                              str(folder))
    assert problem is not None  # only a profile passes
    line, column = named_in.locate(("profile",))
    raise ConfigError(problem.message, file=named_in.path, line=line, column=column)


def _chain(ref: str | Path,
           named_in: LoadedYaml | None = None) -> tuple[Layer | None, list[Layer]]:
    """The root checklist (None if the chain never reaches one) and the profiles, root first."""
    profiles: list[Layer] = []
    seen: list[Path] = []
    kind, layer = _first(ref, named_in)
    while kind == "profile":
        path = Path(layer.loaded.path).resolve()
        if path in seen or len(seen) >= MAX_CHAIN:
            chain = " → ".join([*(p.id for p in profiles), layer.id])  # as extends reads
            raise layer.error(t(f"extends 形成循环：{chain}", f"extends forms a cycle: {chain}"),
                              ("extends",))
        seen.append(path)
        profiles.append(layer)
        base = Path(layer.loaded.path).parent
        try:
            kind, layer = load_layer(find_document(layer.loaded.data["extends"], base))
        except ConfigError as exc:
            raise profiles[-1].error(exc.message, ("extends",)) from exc
    profiles.reverse()
    return layer, profiles


def profile_for_checklist(checklist: str | Path | None, profile: str | Path | None,
                          named_in: LoadedYaml | None) -> str | Path | None:
    """The profile center.yaml names, or None when `--checklist` names another checklist
    than the one the profile extends (the center's annual profile does not apply to the
    on-site checklist: its indicators are not there)."""
    if checklist is None or profile is None:
        return profile
    root, _ = _chain(profile, named_in)
    _, given = load_layer(find_document(checklist))
    return profile if root is None or root.id == given.id else None


def _registry() -> Mapping[str, FrameKind]:
    """The measure kinds (cscaudit.measures.registry); tests may replace this."""
    from cscaudit.measures.registry import REGISTRY

    kinds: Mapping[str, FrameKind] = REGISTRY
    return kinds


def _changed_points(resolved: ResolvedChecklist, area: str) -> str:
    """`D2 10 (file:line:col), ...`: the points a profile set on the area's indicators."""
    root = resolved.layers[0]
    changed = []
    for spec in resolved.indicators:
        origin = resolved.provenance.get(f"indicators/{spec.id}/points")
        if spec.area == area and origin is not None and origin.layer != root:
            changed.append(f"{spec.id} {spec.points:g} ({origin})")
    return ", ".join(changed)


def _area_warnings(resolved: ResolvedChecklist) -> tuple[Text, ...]:
    """An area whose indicators do not add up to its points: the score is re-weighted (the
    indicators' points are the denominator), so say so, and where a profile changed them."""
    warnings: list[Text] = []
    for area in resolved.areas:
        given = sum(s.points for s in resolved.indicators
                    if s.area == area.id and s.method not in ("bonus", "veto"))
        if abs(given - area.points) > 1e-9:
            warning = t(f"领域 {area.id} 标称 {area.points:g} 分，指标合计 {given:g} 分",
                        f"area {area.id} is worth {area.points:g} points but its indicators "
                        f"add up to {given:g}")
            changed = _changed_points(resolved, area.id)
            if changed:
                warning = warning + t(
                    f"（配置修改的分值：{changed}；如确要调整权重，请在配置的 areas: 中写明该领域的"
                    "新分值）",
                    f" (points a profile set: {changed}; to re-weight on purpose, give the area "
                    "its new points under areas: in the profile)")
            warnings.append(warning)
    return tuple(warnings)


def _swap_hint(option: str, given: str | Path) -> Text:
    """'; did you mean --checklist X?' for a document given to the other option."""
    return t(f"；是否应为 {option} {given}？", f"; did you mean {option} {given}?")


def _resolve(checklist: str | Path | None, profile: str | Path | None,
             named_in: LoadedYaml | None = None) -> ResolvedChecklist:
    root: Layer | None = None
    profiles: list[Layer] = []
    if profile is not None:
        root, profiles = _chain(profile, named_in)
        if not profiles and named_in is None and root is not None:
            raise ConfigError(t(
                f"--profile {profile} 指向考核清单（kind: checklist），不是地方配置",
                f"--profile {profile} names a checklist (kind: checklist), not a profile")
                + _swap_hint("--checklist", profile))
    if checklist is not None or root is None:
        kind, root = load_layer(find_document(checklist or DEFAULT_CHECKLIST))
        if kind != "checklist":
            raise root.error(t("--checklist 应指向 kind: checklist 的文档（配置请用 --profile）",
                               "--checklist must name a kind: checklist document (use "
                               "--profile for a profile)")
                             + _swap_hint("--profile", checklist or ""), ("kind",))
    draft = Draft.from_checklist(root)
    for layer in profiles:
        apply_profile(draft, layer)
    resolved = draft.freeze(_registry())
    return replace(resolved, warnings=_area_warnings(resolved))


@dataclass(frozen=True)
class _Cached:
    resolved: ResolvedChecklist
    stamps: tuple[tuple[str, int], ...]


_CACHE: dict[tuple[str, str, str, str], _Cached] = {}


def _stamps(resolved: ResolvedChecklist) -> tuple[tuple[str, int], ...]:
    return tuple((path, Path(path).stat().st_mtime_ns) for _, path in resolved.files)


def resolve(checklist: str | Path | None = None, profile: str | Path | None = None,
            named_in: LoadedYaml | None = None) -> ResolvedChecklist:
    """The checklist in force: `checklist` (default gbt36735-annual) with `profile` applied.
    `named_in`: the document (center.yaml) whose `profile:` names `profile`, if any; it is
    read only to find that profile, so without one every center shares one cached result."""
    where = named_in.path if named_in is not None and profile is not None else ""
    key = (str(checklist or ""), str(profile or ""), os.getcwd(), where)
    hit = _CACHE.get(key)
    if hit is not None:
        try:
            if _stamps(hit.resolved) == hit.stamps:
                return hit.resolved
        except OSError:
            pass
    resolved = _resolve(checklist, profile, named_in)
    _CACHE[key] = _Cached(resolved, _stamps(resolved))
    return resolved
