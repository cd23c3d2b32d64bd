"""Documents built once are read back, never stale (`config/yamlio/memo.py`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscaudit.config.yamlio import YamlError, load_yaml, memo
from cscaudit.config.yamlio.builder import Builder
from cscaudit.config.yamlio.model import LoadedYaml

DOCUMENT = """\
kind: center
id: c1
staff:
  - name: 张三
    post: 主任
  - name: 李四
    post: on
areas: {office: 120, service: 300}
id: c2
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(folder))
    return folder


def _kept(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "yaml").rglob("*") if p.is_file())


def _same(a: LoadedYaml, b: LoadedYaml) -> None:
    assert (a.path, a.data, a.positions, a.key_positions, a.problems, a.yaml11_bools) == \
        (b.path, b.data, b.positions, b.key_positions, b.problems, b.yaml11_bools)


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Builder, text: str) -> LoadedYaml:
        raise AssertionError("built again")
    monkeypatch.setattr(Builder, "build", refuse)


def test_a_second_load_reads_the_kept_document(cache: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "center.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    first = load_yaml(path)
    assert [p.code for p in first.problems] == ["duplicate-key"] and first.yaml11_bools
    assert len(_kept(cache)) == 1
    _no_build(monkeypatch)
    _same(load_yaml(path), first)


def test_the_kept_document_names_the_file_it_is_loaded_as(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(DOCUMENT, encoding="utf-8")
    load_yaml(tmp_path / "a.yaml")
    assert load_yaml(tmp_path / "b.yaml").path == str(tmp_path / "b.yaml")
    assert len(_kept(cache)) == 1  # the same bytes: one kept document


def test_changed_bytes_are_built_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("id: c1\n", encoding="utf-8")
    assert load_yaml(path).data == {"id": "c1"}
    path.write_text("id: c2\n", encoding="utf-8")
    assert load_yaml(path).data == {"id": "c2"}
    assert len(_kept(cache)) == 2


def test_a_changed_loader_never_reads_what_the_old_one_built(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("id: c1\n", encoding="utf-8")
    load_yaml(path)
    monkeypatch.setattr(memo, "_loader_digest", lambda: b"another loader")
    load_yaml(path)
    assert len(_kept(cache)) == 2


def test_a_document_that_cannot_be_loaded_is_never_kept(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: [1, 2\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlError):
            load_yaml(path)
    assert _kept(cache) == []


@pytest.mark.parametrize("garbage", [b"", b"not marshal", b"\xe9\x03\x00\x00\x00"])
def test_an_unreadable_kept_file_is_ignored(cache: Path, tmp_path: Path,
                                            garbage: bytes) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    built = load_yaml(path)
    [kept] = _kept(cache)
    kept.write_bytes(garbage)
    _same(load_yaml(path), built)


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", "off")
    path = tmp_path / "c.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    load_yaml(path)
    assert not any(tmp_path.rglob("yaml"))


def test_a_folder_that_cannot_be_written_is_ignored(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(blocked))
    path = tmp_path / "c.yaml"
    path.write_text("id: c1\n", encoding="utf-8")
    assert load_yaml(path).data == {"id": "c1"}


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                     st.floats(allow_nan=True), st.text(max_size=12))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=20)


def _canonical(value: Any) -> Any:
    """NaN as a marker, so that equal documents compare equal."""
    if isinstance(value, float) and math.isnan(value):
        return "<nan>"
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(st.text(min_size=1, max_size=6), _VALUES, min_size=1,
                                max_size=5))
def test_what_is_read_back_equals_what_was_built(document: dict[str, Any], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        built = load_yaml(path)
    except YamlError:
        return  # refused (a form YAML 1.2 reads differently): nothing kept, nothing to compare
    place = memo.place_of(path.read_bytes())
    assert place is not None and place.is_file()
    again = load_yaml(path)
    assert _canonical(again.data) == _canonical(built.data)
    assert (again.positions, again.key_positions, again.problems, again.yaml11_bools) == \
        (built.positions, built.key_positions, built.problems, built.yaml11_bools)
