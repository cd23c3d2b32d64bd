#!/usr/bin/env python3
"""Move cscaudit's packages to the layout of issue 18 ("packages follow the flow").

    python3 /work/move/move.py [REPO] [--strict] [--dry-run] [--check] [--test]

REPO (default: the current folder) is a git checkout of cscaudit with a clean work tree. The
script git-mv's every tracked file under src/cscaudit by the MOVES table below (longest
prefix wins, so modules added later to a moved folder follow it), rewrites every reference
to a moved module or file (dotted `cscaudit.x.y`, `from cscaudit.x import y`, paths
`src/cscaudit/x/y.py`, backticked short forms `audit.engine`) in src, tests, bench, scripts,
docs, README.md, CONTRIBUTING.md and pyproject.toml, writes the new import-linter contract,
the new packages' `__init__.py`, CONTRIBUTING.md's house picture, sorts imports with ruff,
and stages everything (nothing is committed). It refuses to run twice. Only the standard
library is used (plus git, and ruff / lint-imports / pytest from the repo's .venv when present).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# THE MAPPING (paths relative to src/cscaudit; a key ending in "/" moves a whole folder, and
# everything later added to it). Longest matching key wins. A value of None deletes the file
# (the `__init__.py` of a package that is dissolved).
# ---------------------------------------------------------------------------------------------
MOVES: dict[str, str | None] = {
    # config/: every document loaded and checked before an audit starts: the YAML loader, the
    # schema registry and its messages, the standard, the center and its plans, the calendar.
    "yamlio/": "config/yamlio/",
    "schemas.py": "config/schemas.py",
    "schema_messages.py": "config/schema_messages.py",
    "schema_memo.py": "config/schema_memo.py",
    "documents.py": "config/documents.py",
    "standard.py": "config/standard.py",
    "standard_model.py": "config/standard_model.py",
    "standard_browse.py": "config/standard_browse.py",
    "center.py": "config/center.py",
    "emergency_plan.py": "config/plans.py",
    "confinement.py": "config/confinement.py",
    "audit/calendar.py": "config/calendar.py",
    # ingest/ stays; the inspector's findings (YAML or the on-site form, read like an export)
    # join it: the form is read with ingest's XLSX rows.
    "audit/inspection.py": "ingest/inspection.py",
    "audit/inspection_form.py": "ingest/inspection_form.py",
    # results/: the result types every stage writes and every reporter reads, and the grade
    # bands they carry. They sit low because measures produce Measurement/Finding/Evidence;
    # grades cannot live in checklist/ (above measures) since Score carries a Grade.
    "audit/model.py": "results/model.py",
    "audit/grades.py": "results/grades.py",
    # rules/: the pure rules facts and measure kinds both apply (visit periods and
    # frequencies, household keys and link indexes). They sit below facts (a fact may import
    # a rule, never a measure kind) and outside facts/: facts/__init__ imports frames ->
    # polars and measures.base, and measures.base loads periods (through param_sources), so
    # inside facts/ they would close a cycle and load polars for `validate`.
    "audit/rules/": "rules/",
    # facts/: the facts stage (Facts: derived once per audit, read by measures and the worker
    # card), the tables as polars frames it derives from, records per year, names hidden in
    # file labels.
    "audit/facts/": "facts/",
    "audit/working_days.py": "facts/working_days.py",  # deadlines as joins on the calendar
    "audit/frames.py": "facts/frames.py",
    "audit/table_census.py": "facts/table_census.py",
    "audit/hidden_names.py": "facts/hidden_names.py",
    # measures/: the measure kinds, moved whole. With them: where a parameter's value comes
    # from (measures.base carries ParamSource) and completeness (kinds call
    # declare_incomplete, so it cannot sit above them).
    "audit/measures/": "measures/",
    "audit/param_sources.py": "measures/param_sources.py",
    "audit/completeness.py": "measures/completeness.py",
    # checklist/: resolving the checklist in force: drafts, profiles, the resolved checklist,
    # the center's own profile and fields. It sits ABOVE measures: resolution validates and
    # fills params from each kind's PARAMS_SCHEMA in measures.registry.
    "audit/checklist.py": "checklist/resolution.py",
    "audit/draft.py": "checklist/draft.py",
    "audit/profiles.py": "checklist/profiles.py",
    "audit/resolved.py": "checklist/resolved.py",
    "audit/center_profile.py": "checklist/center_profile.py",
    "audit/center_fields.py": "checklist/center_fields.py",
    # scoring/: pure arithmetic on measurements: indicator and area scores, waivers, the
    # worker cards, --fail-on, the recheck against an earlier result and the rectification
    # check (closing the loop); the district's composite and ranking in scoring/district/.
    "audit/scoring.py": "scoring/score.py",
    "audit/waivers.py": "scoring/waivers.py",
    "audit/workers.py": "scoring/workers.py",
    "audit/fail_on.py": "scoring/fail_on.py",
    "audit/recheck.py": "scoring/recheck.py",
    "audit/recheck_keys.py": "scoring/recheck_keys.py",
    "audit/earlier_result.py": "scoring/earlier_result.py",
    "audit/rectification_check.py": "scoring/rectification_check.py",
    "audit/follow_up.py": "scoring/follow_up.py",
    "assess/model.py": "scoring/district/model.py",
    "assess/settings.py": "scoring/district/settings.py",
    "assess/composite.py": "scoring/district/composite.py",
    "assess/ranking.py": "scoring/district/ranking.py",
    # engine/: running audits: one center (ingest -> facts -> measures -> scoring), then many
    # (engine/district/: finding the centers, the pool and Dask backends, the run).
    "audit/engine.py": "engine/audit.py",
    "audit/frame_tables.py": "engine/frame_tables.py",  # every export of a center into frames
    "audit/visit_sample.py": "engine/visit_sample.py",  # a reading pass for sample-visits
    "assess/assessment.py": "engine/district/assessment.py",
    "assess/backend.py": "engine/district/backend.py",
    "assess/dask_backend.py": "engine/district/dask_backend.py",
    "assess/runner.py": "engine/district/runner.py",
    "assess/discover.py": "engine/district/discover.py",
    "assess/inputs.py": "engine/district/inputs.py",
    "assess/scheduler_spec.py": "engine/district/scheduler_spec.py",
    # report/ stays (scorecard, JSON, console, template); the district workbook and run JSON
    # join it as report/district/.
    "assess/workbook.py": "report/district/workbook.py",
    "assess/summary_workbook.py": "report/district/summary_workbook.py",
    "assess/run_json.py": "report/district/run_json.py",
    "assess/units.py": "report/district/units.py",
    "assess/worker_table.py": "report/district/worker_table.py",
    "assess/ranking_formulas.py": "report/district/ranking_formulas.py",
    "assess/sheet_": "report/district/sheet_",  # sheet_center.py, sheet_kit.py, ... by prefix
    # cli/ stays; the progress bar only the assess command draws joins it.
    "assess/progress_bar.py": "cli/progress_bar.py",
    # the dissolved packages
    "audit/__init__.py": None,
    "assess/__init__.py": None,
}
# A module added later to a dissolved package lands here (with a warning; --strict refuses).
DEFAULT_HOMES = {"audit/": "engine/", "assess/": "engine/district/"}
DISSOLVED = ("audit", "assess")
# Stay where they are: validate/ (the `validate` command: it reads the measure registry and
# the checklist resolver, so it sits beside report/), samples/ (the synthetic district
# generator, a command-level tool), ingest/, report/, cli/, and the foundation modules at the
# top (i18n, errors, resources, masking, terminal, suggest, input_files, run_inputs).

# Code that depends on the layout itself (not a module name): exact text edits, per file,
# applied after the rewrite. An edit whose text is not found is reported (the file changed:
# look at it by hand; the unrewritten-mention check lists what is left).
LITERAL_EDITS: dict[str, list[tuple[str, str]]] = {
    # the no-Any scan leaves out the engine: one package now, not its modules one by one
    "tests/test_no_any_at_seams.py": [
        ('''    # the engine: running audits, one center or a district
    "cscaudit.engine.audit",
    "cscaudit.engine.frame_tables",
    "cscaudit.engine.visit_sample",
    "cscaudit.engine.district.assessment",
    "cscaudit.engine.district.backend",
    "cscaudit.engine.district.dask_backend",
    "cscaudit.engine.district.runner",
    "cscaudit.engine.district.discover",
    "cscaudit.engine.district.inputs",
    "cscaudit.engine.district.scheduler_spec",
    "cscaudit.cli.progress_bar",
''', '''    "cscaudit.engine",  # running audits, one center or a district
'''),
    ],
    "tests/audit/measures/test_param_defaults.py": [
        ("import cscaudit.audit\n", "import cscaudit\n"),
        ("AUDIT = Path(cscaudit.audit.__file__).parent\n"
         'SCANNED = [*sorted((AUDIT / "measures").rglob("*.py")), AUDIT / "workers.py"]',
         "PACKAGE = Path(cscaudit.__file__).parent\n"
         'SCANNED = [*sorted((PACKAGE / "measures").rglob("*.py")),\n'
         '           PACKAGE / "scoring" / "workers.py"]'),
        ("p.relative_to(AUDIT)", "p.relative_to(PACKAGE)"),
    ],
}

PACKAGE_DOCS = {
    "config": "Configuration documents: safe YAML, schemas, the standard, the center and its "
              "plans, the calendar.",
    "results": "The result types every stage writes and every reporter reads, and grade bands.",
    "facts": "Facts about the inputs derived once and read by several measures.",
    "checklist": "The checklist in force: checklists, drafts, profiles, resolution, provenance.",
    "scoring": "Scores from measurements: indicators, areas, waivers, worker cards, rechecks.",
    "scoring/district": "A district's scores: composite of street, peer and resident parts, "
                        "ranking.",
    "engine": "Running audits: one center (engine.audit), many centers (engine.district).",
    "engine/district": "`cscaudit assess`: many centers found, audited by a backend, collected.",
    "report/district": "The district workbook and the run JSON of `cscaudit assess`.",
}

# The layers contract of the new layout, highest first (`a | b`: may not import each other).
LAYERS_TOP = [
    "cli",
    "report | validate | samples",
    "engine",
    "scoring",
    "checklist",
    "measures",
    "facts",
    "rules",
    "results",
    "ingest",
    "config",
]
# Known upward imports, allowed by name until the code is reshaped (each with its reason).
# A pattern that no longer matches anything only warns, so the list may outlive its debt.
KNOWN_UPWARD = {
    # The facts stage is being carved out of the measures (issue 18 item 2): facts still take
    # AuditContext and the evidence helpers from measures.base and the column helpers from
    # measures.columns. Those two belong below measures (in facts/ or a contract module) once
    # the port settles; then delete these lines. A fact that
    # imports any other measures module (a kind) still breaks the contract.
    "cscaudit.facts -> cscaudit.measures.base": "Facts(tables, ctx: AuditContext)",
    "cscaudit.facts.** -> cscaudit.measures.base": "AuditContext, RECORD_DATES, evidence_text",
    "cscaudit.facts.** -> cscaudit.measures.columns": "day, in_period, with_due_dates",
}
LAYERS_BOTTOM = ["errors", "i18n"]  # below the other foundation modules, which are listed
# between (computed: every top-level module that is left in src/cscaudit)

TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".yaml", ".yml", ".json", ""}
TEXT_ROOTS = ("src", "tests", "bench", "scripts", "docs", ".ci")
TEXT_FILES = ("README.md", "CONTRIBUTING.md", "pyproject.toml", ".pre-commit-hooks.yaml")
# The script's own folder names the old layout on purpose (MOVES, this README): never rewritten
# nor listed as an unrewritten mention.
OWN_FOLDER = "scripts/engine2_move/"
HOUSE_PICTURE = Path(__file__).with_name("house_picture.md")
PKG = "src/cscaudit/"


class Refused(Exception):
    pass


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if done.returncode != 0:
        raise Refused(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def tracked(repo: Path) -> list[str]:
    return [line for line in git(repo, "ls-files", "-z").split("\0") if line]


# --- the plan ---------------------------------------------------------------------------------

def destination(rel: str, strict: bool, warnings: list[str]) -> str | bool | None:
    """The new path (relative to src/cscaudit) of one file, None to delete it, False to
    leave it where it is."""
    keys = [k for k in MOVES if rel == k or (k.endswith(("/", "_")) and rel.startswith(k))]
    if keys:
        key = max(keys, key=len)
        target = MOVES[key]
        return None if target is None else target + rel[len(key):] if key != rel else target
    for prefix, home in DEFAULT_HOMES.items():
        if rel.startswith(prefix):
            if not rel.endswith(".py"):
                return home + rel[len(prefix):]
            message = f"{rel} is not in MOVES: moved to {home}{rel[len(prefix):]} (default)"
            if strict:
                raise Refused(message + "; add it to MOVES (--strict)")
            warnings.append(message)
            return home + rel[len(prefix):]
    return False


def plan(repo: Path, strict: bool) -> tuple[dict[str, str | None], list[str]]:
    warnings: list[str] = []
    moves: dict[str, str | None] = {}
    for path in tracked(repo):
        if not path.startswith(PKG):
            continue
        rel = path[len(PKG):]
        target = destination(rel, strict, warnings)
        if target is not False:
            moves[rel] = target  # type: ignore[assignment]
    targets = [t for t in moves.values() if t]
    clashes = {t for t in targets if targets.count(t) > 1}
    existing = {t for t in targets if (repo / PKG / t).exists() and t not in moves}
    if clashes or existing:
        raise Refused(f"targets taken: {sorted(clashes | existing)}")
    return moves, warnings


def module_of(rel: str) -> str | None:
    if not rel.endswith(".py"):
        return None
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["cscaudit", *parts])


def module_map(moves: dict[str, str | None]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for old, new in moves.items():
        old_mod = module_of(old)
        if old_mod is None or new is None:
            continue
        new_mod = module_of(new)
        if new_mod and new_mod != old_mod:
            mapping[old_mod] = new_mod
    return mapping


def path_map(moves: dict[str, str | None]) -> dict[str, str]:
    """Old -> new for every moved file, and for every folder MOVES moves whole."""
    mapping = {old: new for old, new in moves.items() if new is not None and old != new}
    mapping.update({old: new for old, new in MOVES.items()
                    if new is not None and old.endswith("/")})
    return mapping


# --- rewriting --------------------------------------------------------------------------------

DOTTED = re.compile(r"(?<![\w.])cscaudit((?:\.[A-Za-z_]\w*)+)")
FROM_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)from[ \t]+(?P<pkg>cscaudit(?:\.\w+)*)[ \t]+import[ \t]+"
    r"(?P<names>\((?:[^()]*)\)|[^\n#]*?)(?P<tail>[ \t]*(?:#[^\n]*)?)$", re.M)


def map_dotted(name: str, mapping: dict[str, str]) -> str:
    parts = name.split(".")
    for n in range(len(parts), 1, -1):
        head = ".".join(parts[:n])
        if head in mapping:
            return ".".join([mapping[head], *parts[n:]])
    return name


def rewrite_from_imports(text: str, mapping: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        pkg, indent = match["pkg"], match["indent"]
        raw = match["names"].strip().strip("()")
        entries = [e.strip() for e in raw.replace("\n", " ").split(",") if e.strip()]
        groups: dict[str, list[str]] = {}
        renamed = False
        for entry in entries:
            name, _, alias = entry.partition(" as ")
            name, alias = name.strip(), alias.strip()
            full = f"{pkg}.{name}"
            new_full = map_dotted(full, mapping) if full in mapping else None
            if new_full is not None:
                parent, _, new_name = new_full.rpartition(".")
                renamed = True
                shown = alias or name
                groups.setdefault(parent, []).append(
                    new_name if new_name == shown else f"{new_name} as {shown}")
            else:
                groups.setdefault(map_dotted(pkg, mapping), []).append(entry)
        if not renamed:
            return match.group(0)  # only the package's name changes: DOTTED does that
        lines = []
        for parent, names in groups.items():
            line = f"{indent}from {parent} import {', '.join(names)}"
            if len(line) > 99:
                inner = "".join(f"{indent}    {n},\n" for n in names)
                line = f"{indent}from {parent} import (\n{inner}{indent})"
            lines.append(line)
        return "\n".join(lines) + match["tail"]

    return FROM_IMPORT.sub(one, text)


def short_forms(mapping: dict[str, str],
                paths: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Backticked short forms: `audit.engine` -> `engine.audit`, `audit/measures/` ->
    `measures/`. Only names under the dissolved packages and the moved top-level modules."""
    rules: list[tuple[re.Pattern[str], str]] = []
    for old, new in sorted(mapping.items(), key=lambda kv: -len(kv[0])):
        short_old, short_new = old.removeprefix("cscaudit."), new.removeprefix("cscaudit.")
        if "." not in short_old:
            continue
        rules.append((re.compile(r"(?<=`)" + re.escape(short_old) + r"(?=[`.(\s:])"), short_new))
    for old, new in sorted(paths.items(), key=lambda kv: -len(kv[0])):
        if "/" not in old.rstrip("/"):
            continue
        rules.append((re.compile(r"(?<=`)" + re.escape(old) + r"(?=[`\s:])"), new))
    return rules


def rewrite(text: str, mapping: dict[str, str], paths: dict[str, str],
            shorts: list[tuple[re.Pattern[str], str]], is_python: bool) -> str:
    if is_python:
        text = rewrite_from_imports(text, mapping)
    text = DOTTED.sub(lambda m: map_dotted(m.group(0), mapping), text)
    ordered = sorted(paths.items(), key=lambda kv: -len(kv[0]))
    path_re = re.compile(r"(?<![\w/])((?:src/)?cscaudit/)([\w/.]+)")

    def path_sub(match: re.Match[str]) -> str:
        rest = match.group(2)
        for old, new in ordered:
            after = rest[len(old):len(old) + 1]
            ends_a_name = old.endswith("/") or not (after.isalnum() or after == "_")
            if rest.startswith(old) and ends_a_name:
                return match.group(1) + new + rest[len(old):]
        return match.group(0)

    text = path_re.sub(path_sub, text)
    for pattern, new in shorts:
        text = pattern.sub(new, text)
    return text


def text_files(repo: Path) -> list[Path]:
    files = []
    for path in tracked(repo):
        p = repo / path
        if not p.is_file():
            continue
        top = path.split("/")[0]
        if path.startswith(OWN_FOLDER):
            continue
        if (top in TEXT_ROOTS and p.suffix in TEXT_SUFFIXES) or path in TEXT_FILES:
            files.append(p)
    return files


# --- generated pieces -------------------------------------------------------------------------

def foundation(repo: Path) -> list[str]:
    names = sorted(p.stem for p in (repo / PKG).glob("*.py")
                   if p.stem not in {"__init__", "__main__", *LAYERS_BOTTOM})
    return [" : ".join(names)] if names else []


def contract(repo: Path) -> str:
    layers = [*LAYERS_TOP, *foundation(repo), *LAYERS_BOTTOM]
    body = "".join(f'  "{layer}",\n' for layer in layers)
    ignored = "".join(f'  "{edge}",  # {why}\n' for edge, why in KNOWN_UPWARD.items())
    return (
        "[tool.importlinter]\n"
        'root_package = "cscaudit"\n\n'
        "[[tool.importlinter.contracts]]\n"
        "# Layers point down, in the order data flows (CONTRIBUTING.md, \"Layout\"): a module\n"
        "# imports only from its own layer or a lower one. `a | b` are siblings that may not\n"
        "# import each other; `a : b` may. tests/test_layers.py runs this contract.\n"
        'id = "layers"\n'
        'name = "Layers point down: cli, report, engine, scoring, checklist, measures, facts, '
        'results, ingest, config"\n'
        'type = "layers"\n'
        'containers = ["cscaudit"]\n'
        f"layers = [\n{body}]\n"
        "# known upward imports (see KNOWN_UPWARD in the move script); remove when fixed\n"
        f"ignore_imports = [\n{ignored}]\n"
        'unmatched_ignore_imports_alerting = "warn"\n\n')


def write_contract(repo: Path) -> None:
    pyproject = repo / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    block = re.compile(r"\[tool\.importlinter\]\n.*?(?=^\[(?!\[?tool\.importlinter)|\Z)",
                       re.S | re.M)
    new, count = block.subn(lambda _: contract(repo), text, count=1)
    if count == 0:
        new = text.rstrip("\n") + "\n\n" + contract(repo)
    pyproject.write_text(new, encoding="utf-8")


def write_inits(repo: Path, moves: dict[str, str | None]) -> list[Path]:
    made = []
    folders = {str(Path(new).parent) for new in moves.values() if new}
    for folder in sorted(folders):
        parts = Path(folder).parts
        for n in range(1, len(parts) + 1):
            sub = "/".join(parts[:n])
            init = repo / PKG / sub / "__init__.py"
            if not init.exists():
                init.parent.mkdir(parents=True, exist_ok=True)
                doc = PACKAGE_DOCS.get(sub, f"cscaudit.{sub.replace('/', '.')}.")
                init.write_text(f'"""{doc}"""\n', encoding="utf-8")
                made.append(init)
    return made


def house_picture(repo: Path, warnings: list[str]) -> None:
    doc = repo / "CONTRIBUTING.md"
    if not HOUSE_PICTURE.is_file() or not doc.is_file():
        warnings.append("CONTRIBUTING.md or house_picture.md missing: house picture not applied")
        return
    text = doc.read_text(encoding="utf-8")
    picture = HOUSE_PICTURE.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    new, count = re.subn(r"^## Layout\n.*?(?=^## )", lambda _: picture, text,
                         count=1, flags=re.S | re.M)
    if count == 0:
        warnings.append("CONTRIBUTING.md has no '## Layout' section: house picture not applied")
        return
    new, count = re.subn(r"^- Layers point down:.*?(?=^- |^#)",
                         "- Layers point down: see *Layout* above (the house picture).\n",
                         new, count=1, flags=re.S | re.M)
    doc.write_text(new, encoding="utf-8")


# --- checks -----------------------------------------------------------------------------------

def tool(repo: Path, name: str) -> list[str] | None:
    venv = repo / ".venv" / "bin"
    if (venv / name).exists():
        return [str(venv / name)]
    found = shutil.which(name)
    return [found] if found else None


def python(repo: Path) -> str:
    venv = repo / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def leftovers(repo: Path) -> list[str]:
    """Mentions of the dissolved packages that no rule rewrote, to read by eye: any in prose
    files; in Python only the path, `cscaudit.`-prefixed and backticked forms (a bare
    `audit.result` there is usually a variable)."""
    found = []
    names = "|".join(DISSOLVED)
    prose = re.compile(rf"(?<![\w./-])(?:cscaudit\.)?(?:{names})[./][a-z_]+")
    code = re.compile(rf"cscaudit[./](?:{names})\b|`(?:{names})[./][a-z_]+"
                      rf"|(?<![\w./-])(?:{names})/[a-z_]+\.py")
    for path in text_files(repo):
        pattern = code if path.suffix == ".py" else prose
        rel = path.relative_to(repo)
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        found.extend(f"{rel}:{n}: {m.group(0)}" for n, line in enumerate(lines, start=1)
                     for m in pattern.finditer(line))
    return found


def run(cmd: list[str], repo: Path) -> int:
    """Run one check on REPO's own sources (PYTHONPATH wins over an editable install made
    from another checkout, as in a scratch clone sharing a venv)."""
    import os

    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    shown = " ".join(cmd)
    print("+", shown if len(shown) < 120 else shown.split("\n")[0][:100] + " ...", flush=True)
    return subprocess.run(cmd, cwd=repo, env=env).returncode


# Imports every module in a fresh module table, one at a time: an import cycle shows up only
# when its modules are entered in the wrong order, which a single run of the suite may miss.
IMPORT_EACH = """
import importlib, sys
from pathlib import Path
src = Path(sys.argv[1])
names = sorted(".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__")
               for p in (src / "cscaudit").rglob("*.py") if p.name != "__main__.py")
bad = []
for name in names:
    for loaded in [m for m in sys.modules if m == "cscaudit" or m.startswith("cscaudit.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        bad.append(f"{name}: {type(exc).__name__}: {exc}")
print(f"imported {len(names)} modules one by one, {len(bad)} failed")
print("\\n".join(bad))
sys.exit(1 if bad else 0)
"""


def check(repo: Path, with_tests: bool) -> int:
    failures = 0
    failures += run([python(repo), "-c", IMPORT_EACH, str(repo / "src")], repo) != 0
    lint = tool(repo, "lint-imports")
    if lint:
        failures += run([*lint, "--no-cache", "--no-logo"], repo) != 0
    else:
        print("lint-imports not found: layers contract not checked")
    ruff = tool(repo, "ruff")
    if ruff:
        failures += run([*ruff, "check", "src", "tests", "bench"], repo) != 0
    failures += run([python(repo), "-m", "mypy", "src/cscaudit"], repo) != 0
    for leftover in leftovers(repo):
        print("unrewritten mention:", leftover)
    if with_tests:
        failures += run([python(repo), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                        repo) != 0
    return failures


# --- main -------------------------------------------------------------------------------------

def refuse_if_applied(repo: Path) -> None:
    src = repo / PKG
    if not src.is_dir():
        raise Refused(f"{src} not found: is {repo} a cscaudit checkout?")
    new_packages = [p for p in ("config", "checklist", "facts", "results", "scoring", "engine")
                    if (src / p).exists()]
    old_packages = [p for p in DISSOLVED if (src / p / "__init__.py").exists()]
    if new_packages and not old_packages:
        raise Refused("already applied: " + ", ".join(new_packages) + " exist and "
                      + ", ".join(DISSOLVED) + " are gone")
    if new_packages:
        raise Refused(f"half applied? {new_packages} exist beside {old_packages}: "
                      "reset the work tree (git reset --hard; git clean -fd src) first")
    if git(repo, "status", "--porcelain", "--untracked-files=no").strip():
        raise Refused("the work tree has uncommitted changes: commit or stash them first")


def apply(repo: Path, strict: bool, dry_run: bool) -> list[str]:
    refuse_if_applied(repo)
    moves, warnings = plan(repo, strict)
    modules, paths = module_map(moves), path_map(moves)
    if dry_run:
        for old, new in sorted(moves.items()):
            print(f"{old:45} -> {new if new is not None else '(deleted)'}")
        return warnings
    for old, new in sorted(moves.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if new is None:
            git(repo, "rm", "-q", PKG + old)
            continue
        (repo / PKG / new).parent.mkdir(parents=True, exist_ok=True)
        git(repo, "mv", PKG + old, PKG + new)
    for old_dir in sorted({str(Path(old).parent) for old in moves}, key=len):
        leftover = repo / PKG / old_dir
        if old_dir != "." and leftover.is_dir() and not any(
                p.is_file() and "__pycache__" not in p.parts for p in leftover.rglob("*")):
            shutil.rmtree(leftover)  # only caches are left: every file was tracked and moved
    write_inits(repo, moves)
    shorts = short_forms(modules, paths)
    for path in text_files(repo):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(text, modules, paths, shorts, path.suffix == ".py")
        if new != text:
            path.write_text(new, encoding="utf-8")
    for rel, edits in LITERAL_EDITS.items():
        path = repo / rel
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for old, new in edits:
            if old in text:
                text = text.replace(old, new)
            else:
                warnings.append(f"{rel}: literal edit not applied (text not found): {old[:60]!r}")
        if path.is_file():
            path.write_text(text, encoding="utf-8")
    write_contract(repo)
    house_picture(repo, warnings)
    ruff = tool(repo, "ruff")
    if ruff:  # imports re-sorted after their modules changed names
        subprocess.run([*ruff, "check", "--fix", "--select", "I", "-q",
                        "src", "tests", "bench", "scripts"], cwd=repo)
    git(repo, "add", "-A", "src", "tests", "bench", "scripts", "docs", "README.md",
        "CONTRIBUTING.md", "pyproject.toml")
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", default=".", type=Path)
    parser.add_argument("--strict", action="store_true",
                        help="refuse when a module of audit/ or assess/ is not in MOVES")
    parser.add_argument("--dry-run", action="store_true", help="print the moves, change nothing")
    parser.add_argument("--check", action="store_true",
                        help="after the move: lint-imports, ruff, mypy, unrewritten mentions")
    parser.add_argument("--test", action="store_true", help="--check and the full test suite")
    parser.add_argument("--check-only", action="store_true",
                        help="do not move; run the checks on an already moved tree")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    try:
        if not args.check_only:
            for warning in apply(repo, args.strict, args.dry_run):
                print("warning:", warning)
            if args.dry_run:
                return 0
            print(f"moved; changes staged in {repo} (not committed)")
        if args.check or args.test or args.check_only:
            failures = check(repo, args.test)
            print("checks:", "all passed" if failures == 0 else f"{failures} failed")
            return 1 if failures else 0
    except Refused as refused:
        print(f"move.py: refused: {refused}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
