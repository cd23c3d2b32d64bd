"""The checklist being resolved: read from a checklist document, changed by profiles, then frozen.

`Draft.from_checklist` reads a schema-valid checklist and checks what a schema cannot (unique
ids, areas that exist, grade bands in order, weights adding up to 1, ratio and tier settings
that make sense). `Draft.freeze` checks every indicator's kind and merged parameters against
the kind's `PARAMS_SCHEMA` and returns the `ResolvedChecklist`, each indicator's params complete
(what the documents wrote, and the kind's schema default for every parameter they left out,
listed in `param_defaults`). Every value set is recorded with its origin, so every error and
every line of `checklist resolve` can name its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from cscaudit.checklist.resolved import Area, Origin, ResolvedChecklist
from cscaudit.config import schema_memo
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.config.yamlio.model import YamlDict, YamlMapping, YamlValue
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.measures.base import FrameKind, IndicatorSpec
from cscaudit.measures.param_sources import ParamSource, source_problem
from cscaudit.measures.params import default_paths, fill_defaults
from cscaudit.results.grades import composite_problem, grade_problem, grades_from
from cscaudit.results.model import Severity

PARAMS_CHECK = "indicator-params"  # the validity cache's name for the PARAMS_SCHEMA check


def text_of(value: YamlValue) -> Text:
    """A `{zh, en}` mapping or a plain string (used for both languages) as Text."""
    if isinstance(value, Mapping):
        return Text(str(value["zh"]), str(value["en"]))
    return Text(str(value), str(value))


@dataclass
class Layer:
    """One document being applied: its id, display name and positions."""

    id: str
    name: str
    loaded: LoadedYaml

    def origin(self, path: JsonPath) -> Origin:
        line, col = self.loaded.locate(path)
        return Origin(self.id, self.name, line, col)

    def error(self, message: Text, path: JsonPath) -> ConfigError:
        """A ConfigError at the key that holds `path` (or the value, for a list item)."""
        line, col = self.loaded.locate_key(path)
        return ConfigError(message, file=self.name, line=line, column=col)


def leaf_keys(prefix: str, value: YamlValue) -> list[tuple[str, tuple[str, ...]]]:
    """(provenance key, relative path) of every leaf of a params mapping."""
    if isinstance(value, Mapping) and value:
        out: list[tuple[str, tuple[str, ...]]] = []
        for k, v in value.items():
            for key, rel in leaf_keys(f"{prefix}/{k}", v):
                out.append((key, (str(k), *rel)))
        return out
    return [(prefix, ())]


def scoring_problem(scoring: YamlMapping) -> Text | None:
    method = scoring.get("method")
    if method == "ratio" and scoring["full_at"] == scoring["zero_at"]:
        return t("ratio 计分的 full_at 与 zero_at 不能相同", "ratio scoring needs full_at != zero_at")
    if method == "tiers":
        mins = [tier["min"] for tier in scoring["tiers"]]
        if any(b >= a for a, b in pairwise(mins)):
            return t("tiers 各档的 min 应从高到低排列", "tiers must be listed highest min first")
    return None


def default_required_tables() -> tuple[str, ...]:
    """The tables a checklist requires when it does not say: the `default` of
    `required_tables` in checklist.schema.json (its one source)."""
    from cscaudit.config.schemas import schema_for

    return tuple(schema_for("checklist")["properties"]["required_tables"]["default"])


@dataclass
class Draft:
    id: str
    version: str
    title: Text
    standard: str
    max_points: float
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    deselected: dict[str, Text] = field(default_factory=dict)
    grades: list[dict[str, Any]] = field(default_factory=list)
    composite: dict[str, float] = field(default_factory=dict)
    excellent_cap: float | None = None
    required_tables: tuple[str, ...] = ()
    origins: dict[str, Origin] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    profile_id: str | None = None

    @classmethod
    def from_checklist(cls, layer: Layer) -> Draft:
        data = layer.loaded.data
        draft = cls(str(data["id"]), str(data["version"]), text_of(data["title"]),
                    str(data.get("standard", "")), float(data["max_points"]))
        draft.layers.append(layer.id)
        draft.files.append((layer.name, layer.loaded.path))
        for key in ("id", "version", "title", "max_points"):
            draft.origins[key] = layer.origin((key,))
        draft.required_tables = default_required_tables()
        if "required_tables" in data:
            draft.set_required_tables(layer, data["required_tables"])
        for i, area in enumerate(data["areas"]):
            draft.add_area(layer, area, ("areas", i))
        for i, indicator in enumerate(data["indicators"]):
            draft.add_indicator(layer, indicator, ("indicators", i))
        draft.set_grades(layer, data["grades"], ("grades",))
        draft.set_composite(layer, data.get("composite") or {}, ("composite",))
        if data.get("excellent_cap") is not None:
            draft.excellent_cap = float(data["excellent_cap"])
            draft.origins["excellent_cap"] = layer.origin(("excellent_cap",))
        return draft

    def add_area(self, layer: Layer, area: YamlMapping, path: JsonPath) -> None:
        self.areas[str(area["id"])] = dict(area)
        self.origins[f"areas/{area['id']}"] = layer.origin(path)

    def add_indicator(self, layer: Layer, ind: YamlMapping, path: JsonPath) -> None:
        iid = str(ind["id"])
        if iid in self.indicators:
            first = self.origins[f"indicators/{iid}"]
            raise layer.error(t(f"指标编号 {iid} 重复（首次在 {first}）",
                                f"indicator id {iid} is used twice (first at {first})"),
                              (*path, "id"))
        if str(ind["area"]) not in self.areas:
            raise layer.error(t(f"指标 {iid} 所属领域 {ind['area']} 未在 areas 中定义",
                                f"indicator {iid}: area {ind['area']} is not defined in areas"),
                              (*path, "area"))
        problem = scoring_problem(ind["scoring"])
        if problem is not None:
            raise layer.error(problem, (*path, "scoring"))
        self.indicators[iid] = {**ind, "params": dict(ind.get("params") or {}), "param_sources": {}}
        key = f"indicators/{iid}"
        self.origins[key] = layer.origin(path)
        for name in ("points", "scoring", "severity", "kind"):
            if name in ind:
                self.origins[f"{key}/{name}"] = layer.origin((*path, name))
        for leaf, rel in leaf_keys(f"{key}/params", ind.get("params") or {}):
            self.origins[leaf] = layer.origin((*path, "params", *rel))
        self.set_param_sources(layer, iid, ind.get("param_sources") or {}, (*path, "param_sources"))

    def set_param_sources(self, layer: Layer, iid: str, sources: YamlMapping,
                          path: JsonPath) -> None:
        """Record where parameters' values come from (`param_sources`), entry by entry."""
        for name, entry in sources.items():
            self.indicators[iid]["param_sources"][str(name)] = dict(entry)
            self.origins[f"indicators/{iid}/param_sources/{name}"] = layer.origin((*path, name))

    def set_grades(self, layer: Layer, grades: list[YamlDict], path: JsonPath) -> None:
        problem = grade_problem(grades_from(grades))
        if problem is not None:
            raise layer.error(problem[1], (*path, problem[0]))
        self.grades = list(grades)
        self.origins["grades"] = layer.origin(path)

    def set_required_tables(self, layer: Layer, tables: list[str]) -> None:
        self.required_tables = tuple(str(table) for table in tables)
        self.origins["required_tables"] = layer.origin(("required_tables",))

    def set_composite(self, layer: Layer, weights: YamlMapping, path: JsonPath) -> None:
        if not weights:
            return
        problem = composite_problem({k: float(v) for k, v in weights.items()})
        if problem is not None:
            raise layer.error(problem, path)
        self.composite = {str(k): float(v) for k, v in weights.items()}
        self.origins["composite"] = layer.origin(path)

    def freeze(self, registry: Mapping[str, FrameKind],
               warnings: tuple[Text, ...] = ()) -> ResolvedChecklist:
        payload = self._params_payload(registry)
        known = payload is not None and schema_memo.known_valid_data(payload, PARAMS_CHECK)
        specs = tuple(self._spec(iid, ind, registry, check_schema=not known)
                      for iid, ind in self.indicators.items())
        if payload is not None and not known:  # every indicator passed
            schema_memo.remember_valid_data(payload, PARAMS_CHECK)
        areas = tuple(Area(aid, text_of(a["title"]), float(a["points"]))
                      for aid, a in self.areas.items())
        return ResolvedChecklist(
            id=self.id, version=self.version, title=self.title, standard=self.standard,
            max_points=self.max_points, areas=areas, indicators=specs,
            grades=grades_from(self.grades), composite=dict(self.composite),
            excellent_cap=self.excellent_cap, required_tables=self.required_tables,
            profile_id=self.profile_id,
            layers=tuple(self.layers), provenance=dict(self.origins), files=tuple(self.files),
            warnings=warnings,
        )

    def _error_at(self, key: str, message: Text) -> ConfigError:
        """An error at the origin of `key`, else of the nearest ancestor that has one."""
        parts = key.split("/")
        while parts and "/".join(parts) not in self.origins:
            parts.pop()
        origin = self.origins.get("/".join(parts))
        if origin is None:
            return ConfigError(message)
        return ConfigError(message, file=origin.file, line=origin.line, column=origin.column)

    def _params_error_at(self, key: str, message: Text) -> ConfigError:
        """An error about parameters at `key`; when no layer set `key` itself, the latest
        profile that set a parameter below it is what changed (else the nearest ancestor)."""
        if key not in self.origins:
            below = [o for k, o in self.origins.items()
                     if k.startswith(key + "/") and o.layer in self.layers[1:]]
            if below:
                origin = max(below, key=lambda o: self.layers.index(o.layer))
                return ConfigError(message, file=origin.file, line=origin.line,
                                   column=origin.column)
        return self._error_at(key, message)

    def _params_payload(self, registry: Mapping[str, FrameKind]) -> bytes | None:
        """Every indicator's params with its kind's schema, as the validity cache's key; None
        when a kind is unknown (`_spec` reports it) or the params are not plain JSON."""
        checked: list[Any] = []
        for iid, ind in self.indicators.items():
            kind = registry.get(str(ind["kind"]))
            if kind is None:
                return None
            checked.append([iid, kind.PARAMS_SCHEMA, ind["params"]])
        return schema_memo.json_payload(checked)

    def _spec(self, iid: str, ind: Mapping[str, Any], registry: Mapping[str, FrameKind],
              *, check_schema: bool = True) -> IndicatorSpec:
        key = f"indicators/{iid}"
        kind = registry.get(str(ind["kind"]))
        if kind is None:
            known = ", ".join(sorted(registry))
            raise self._error_at(f"{key}/kind", t(
                f"指标 {iid}：未知的度量类型 {ind['kind']}（可用：{known}）",
                f"indicator {iid}: unknown measure kind {ind['kind']} (known: {known})"))
        schema = getattr(kind, "PARAMS_SCHEMA", {})
        if check_schema:  # else these exact params passed this schema before
            self._check_params(iid, ind["params"], schema)
        self._check_sources(iid, ind["params"], ind["param_sources"], schema)
        self._check_center_fields(iid, str(ind["kind"]), ind["params"])
        scoring = dict(ind["scoring"])
        return IndicatorSpec(
            id=iid, area=str(ind["area"]), title=text_of(ind["title"]), kind=str(ind["kind"]),
            params=fill_defaults(schema, ind["params"]),
            requirements=tuple(str(r) for r in ind.get("requirements", ())),
            points=float(ind["points"]), method=str(scoring["method"]), scoring=scoring,
            severity=Severity(ind.get("severity", "minor")),
            rectification=text_of(ind["rectification"]) if ind.get("rectification") else None,
            deselected=self.deselected.get(iid),
            param_sources={k: ParamSource.from_data(v) for k, v in sorted(ind["param_sources"].items())},
            param_defaults=default_paths(schema, ind["params"]),
        )

    def _layer_index(self, key: str) -> int:
        """The index (in `layers`) of the document that set `key` or its nearest ancestor; -1
        for a value no document set (a kind's default)."""
        parts = key.split("/")
        while len(parts) > 2:
            origin = self.origins.get("/".join(parts))
            if origin is not None:
                return self.layers.index(origin.layer) if origin.layer in self.layers else -1
            parts.pop()
        return -1

    def _check_sources(self, iid: str, params: Mapping[str, Any], sources: Mapping[str, Any],
                       schema: Mapping[str, Any]) -> None:
        problem = source_problem(iid, params, sources, schema, self._layer_index)
        if problem is not None:
            key, message = problem
            if "/param_sources/" in key:
                raise self._error_at(key, message)
            raise self._params_error_at(key, message)

    def _check_center_fields(self, iid: str, kind: str, params: Mapping[str, Any]) -> None:
        """A rule naming a center.yaml field the schema does not have would read nothing."""
        from cscaudit.checklist.center_fields import center_field_problem

        problem = center_field_problem(iid, kind, params)
        if problem is not None:
            raise self._params_error_at(*problem)

    def _check_params(self, iid: str, params: Mapping[str, Any], schema: Mapping[str, Any]) -> None:
        from jsonschema import Draft202012Validator

        errors = sorted(Draft202012Validator(dict(schema)).iter_errors(params),
                        key=lambda e: list(map(str, e.absolute_path)))
        if not errors:
            return
        error = errors[0]
        rel = "/".join(str(p) for p in error.absolute_path)
        where = f"indicators/{iid}/params" + (f"/{rel}" if rel else "")
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            if extra:
                where += f"/{extra[0]}"
        elif error.validator == "required" and isinstance(error.instance, Mapping):
            missing = [k for k in error.validator_value if k not in error.instance]
            if missing:  # a profile's `null` removed it: its origin is the profile's line
                where += f"/{missing[0]}"
        raise self._params_error_at(where, t(
            f"指标 {iid} 的参数 {rel or '(params)'} 不被其度量类型接受：{error.message}",
            f"indicator {iid}: parameter {rel or '(params)'} is not accepted by its kind: "
            f"{error.message}"))
