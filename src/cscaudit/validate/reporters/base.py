"""What every reporter shares: its signature, options, and the titles of problem codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cscaudit.config.documents import DocProblem
from cscaudit.i18n import Lang, Text, t
from cscaudit.validate.result import FileResult, ValidationResult

TOOL = "cscaudit"
INFO_URI = "https://cscaudit.github.io/"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """`color`: ANSI colours (text, on a terminal only); `quiet`: errors only, no summary;
    `strict`: warnings fail the run (as the exit code says), so they are shown and counted as
    failures."""

    color: bool = False
    quiet: bool = False
    strict: bool = False

    def fails(self, problem: DocProblem) -> bool:
        """Whether this problem fails the run (an error, or any problem under --strict)."""
        return problem.severity == "error" or self.strict

    def shown(self, problem: DocProblem) -> bool:
        """Whether a reporter lists this problem (`quiet` keeps only those that fail)."""
        return not self.quiet or self.fails(problem)

    def file_failed(self, file: FileResult) -> bool:
        return any(self.fails(p) for p in file.problems)

    def run_failed(self, result: ValidationResult) -> bool:
        return any(self.file_failed(f) for f in result.files)


Reporter = Callable[[ValidationResult, Lang, ReportOptions], str]

CODE_TITLES: dict[str, Text] = {
    "unreadable": t("无法读取的文件", "unreadable file"),
    "duplicate-key": t("重复的键", "duplicate key"),
    "yaml11-bool": t("YAML 1.1 布尔写法", "YAML 1.1 boolean spelling"),
    "yaml-nonstandard": t("YAML 1.2 不接受的写法", "form YAML 1.2 rejects"),
    "kind": t("未知的文档类型", "unknown document kind"),
    "schema": t("不符合模式", "schema violation"),
    "bad-params": t("度量参数有误", "invalid measure parameters"),
    "unknown-service-item": t("未知的服务项目", "unknown service item"),
    "unknown-zone": t("未知的功能区", "unknown zone"),
    "unknown-posting": t("未知的上墙内容", "unknown posting"),
    "unknown-amenity": t("未知的便民设施", "unknown amenity"),
    "unknown-profile": t("未知的考核配置", "unknown profile"),
    "unknown-extends": t("extends 无法解析", "unresolved extends"),
    "extends-cycle": t("extends 循环", "extends cycle"),
    "unknown-indicator": t("未知的指标", "unknown indicator"),
    "unknown-requirement": t("未知的要求编号", "unknown requirement id"),
    "unknown-measure-kind": t("未知的度量类型", "unknown measure kind"),
    "unknown-waiver-target": t("未知的豁免对象", "unknown waiver target"),
    "unknown-event-class": t("未知的突发事件类别", "unknown event class"),
    "plan-file-missing": t("预案文件不存在", "plan file missing"),
    "plan-missing-section": t("预案缺少必备章节", "plan lacks a required section"),
    "plan-unknown-section": t("预案章节无法识别", "unrecognised plan section"),
    "duplicate-waiver-id": t("豁免编号重复", "duplicate waiver id"),
    "waiver-dates": t("豁免日期颠倒", "waiver expires before it starts"),
    "unknown-center": t("找不到中心", "center not found"),
    "duplicate-center": t("中心重复列出", "center listed twice"),
    "center-id-mismatch": t("中心编号不一致", "center id mismatch"),
    "unknown-table": t("未知的表名", "unknown table"),
    "table-file-missing": t("表文件不存在", "table file missing"),
    "plan-wrong-kind": t("预案文件不是预案", "plan file is not an emergency plan"),
    "resolve": t("清单或配置无法解析", "checklist or profile does not resolve"),
}


def code_title(code: str) -> Text:
    return CODE_TITLES.get(code, t(code, code))


def severity_word(severity: str, lang: Lang) -> str:
    if lang == "zh":
        return "错误" if severity == "error" else "警告"
    return severity


def summary_line(result: ValidationResult, lang: Lang,
                 options: ReportOptions | None = None) -> str:
    """`checked N files: B with errors; E errors, W warnings` (B counts warnings too under
    --strict)."""
    options = options or ReportOptions()
    n, e, w = len(result.files), result.errors, result.warnings
    bad = sum(1 for f in result.files if options.file_failed(f))
    if lang == "zh":
        return f"检查了 {n} 个文件：{bad} 个文件有问题，共 {e} 个错误、{w} 个警告"
    return f"checked {n} files: {bad} with errors; {e} errors, {w} warnings"


def posix(path: str) -> str:
    """A file path with forward slashes (as CI systems and scripts want)."""
    return Path(path).as_posix()


def uri(path: str) -> str:
    """A URI reference for a file path (SARIF `artifactLocation.uri`).

    A relative path stays relative (to the folder the run started in, the existing
    convention), percent-encoded except for `/`, so spaces, `#`, `%` and non-ASCII names are
    valid and a `C:` in the first segment cannot be read as a scheme. An absolute path
    becomes a `file:` URI.
    """
    path_obj = Path(path)
    if path_obj.is_absolute():
        return path_obj.as_uri()
    return quote(path_obj.as_posix(), safe="/")
