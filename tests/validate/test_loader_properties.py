"""Property tests: hostile or broken input through `cscaudit validate` never crashes.

Random bytes, truncated YAML, deep nesting, alias bombs, GBK-encoded and empty files must
end with a message and exit 2 (or, for bytes that happen to be YAML, exit 1), never with a
traceback.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.validate.conftest import FIXTURES, run

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
VALID_CENTER = (FIXTURES / "valid" / "center.yaml").read_bytes()


def _validate_bytes(data: bytes) -> tuple[int, dict[str, object], str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(data)
        result = run("--format", "json", "--lang", "en", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout), result.output


def _assert_unreadable(data: bytes, phrase: str) -> None:
    code, report, _ = _validate_bytes(data)
    assert code == 2
    [problem] = report["files"][0]["problems"]  # type: ignore[index]
    assert problem["code"] == "unreadable"
    assert phrase in problem["message"]
    assert problem["line"] >= 1 and problem["column"] >= 1


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    code, report, _ = _validate_bytes(data)
    assert code in (1, 2)  # random bytes are never a valid document
    problems = report["files"][0]["problems"]  # type: ignore[index]
    assert problems and all(p["message"] for p in problems)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(VALID_CENTER) - 1))
def test_truncated_yaml_is_reported_not_raised(cut: int) -> None:
    code, report, _ = _validate_bytes(VALID_CENTER[:cut])
    assert code in (0, 1, 2)
    if code == 2:
        assert report["files"][0]["problems"][0]["code"] == "unreadable"  # type: ignore[index]


@SETTINGS
@given(st.integers(min_value=65, max_value=1500), st.sampled_from(["flow", "block"]))
def test_deep_nesting_is_refused(depth: int, style: str) -> None:
    if style == "flow":
        data = ("[" * depth + "]" * depth).encode()
    else:
        data = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)).encode() + b"  " * depth + b"x"
    _assert_unreadable(data, "nesting")


@SETTINGS
@given(st.integers(min_value=8, max_value=12), st.integers(min_value=6, max_value=12))
def test_alias_bombs_are_refused(levels: int, width: int) -> None:
    lines = ["a0: &a0 [x]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} [{refs}]")
    _assert_unreadable("\n".join(lines).encode(), "alias")


@SETTINGS
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
               min_size=1, max_size=30))
def test_gbk_files_are_named_as_gbk(chinese: str) -> None:
    data = f"kind: center\nname: {chinese}\n".encode("gbk", errors="ignore")
    try:
        data.decode("utf-8")
        assume(False)
    except UnicodeDecodeError:
        pass
    _assert_unreadable(data, "GBK/GB18030")


def test_empty_and_blank_files_exit_2() -> None:
    for data in (b"", b"\n\n", b"# only a comment\n", b"\xef\xbb\xbf"):
        _assert_unreadable(data, "empty")


@SETTINGS
@given(st.integers(min_value=1, max_value=6000), st.sampled_from(["", "-", "+"]))
def test_an_integer_of_any_length_loads_or_is_refused_at_its_line(digits: int, sign: str) -> None:
    number = sign + "7" * digits
    code, report, output = _validate_bytes(f"kind: center\nhouseholds: {number}\n".encode())
    problems = report["files"][0]["problems"]  # type: ignore[index]
    if digits <= 4300:
        assert all(p["code"] != "unreadable" for p in problems)
    else:
        assert code == 2
        [problem] = problems
        assert (problem["code"], problem["line"], problem["column"]) == ("unreadable", 2, 13)
        assert "4300 digits" in problem["message"] and len(output) < 1000
