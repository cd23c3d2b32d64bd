#!/usr/bin/env python3
"""Tabulate how the configuration loader reads YAML constructs PyYAML gets wrong (issue 16).

Each case is a small document written for this table (not taken from the YAML test suite)
with what YAML 1.2 makes of it: a value, or `REJECT` when 1.2 rejects the text. The loader's
outcome is then one of:

- `as 1.2`: the value YAML 1.2 reads, or refused where 1.2 rejects the text;
- `refused`: 1.2 reads a value, the loader refuses the text with a message (safe, stricter);
- `warned`: 1.2 rejects the text, the loader reads it and says so (a `YamlProblem`);
- `accepted`: 1.2 rejects the text, the loader reads it without a word;
- `WRONG`: the loader reads another value than YAML 1.2 (the failure issue 16 forbids);
- `crash`: an exception other than `YamlError` (a traceback for the user).

Run from the repository root: `python scripts/yaml_constructs.py [--cases]`; to compare
with another checkout, put its `src` first: `PYTHONPATH=OTHER/src python scripts/...`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from cscaudit.config.yamlio import YamlError, load_yaml_text

REJECT = object()
OUTCOMES = ("as 1.2", "refused", "warned", "accepted", "WRONG", "crash")

CASES: dict[str, list[tuple[str, Any]]] = {
    "'?' glued to a flow key": [
        ("a: { ?foo: bar }\n", {"a": {"?foo": "bar"}}),
        ("a: [?x]\n", {"a": ["?x"]}),
        ("a: [?x, y]\n", {"a": ["?x", "y"]}),
        ("a: {?x: 1, y: 2}\n", {"a": {"?x": 1, "y": 2}}),
        ("a: {?: x}\n", {"a": {"?": "x"}}),
        ("a: {? x: 1}\n", {"a": {"x": 1}}),
        ("?x: 1\n", {"?x": 1}),
    ],
    "anchor/alias name with ':' or '?'": [
        ("key: &an:chor value\n", {"key": "value"}),
        ("a: &x:y 1\nb: *x:y\n", {"a": 1, "b": 1}),
        ("a: [&x:y 1, *x:y]\n", {"a": [1, 1]}),
        ("key: &a?b value\n", {"key": "value"}),
        ("a: &anchor v\nb: *anchor\n", {"a": "v", "b": "v"}),
    ],
    "non-specific tag '!'": [
        ("- ! 12\n", ["12"]),
        ("- ! true\n", ["true"]),
        ("a: ! 1.5\n", {"a": "1.5"}),
        ("- ! [1]\n", [[1]]),
    ],
    "keep chomping '|+' with only breaks/spaces": [
        ("- |+\n   ", ["\n"]),
        ("a: |+\n\n  ", {"a": "\n\n"}),
        ("a: |+\n  x\n  ", {"a": "x\n\n"}),
        ("a: |+\n\n", {"a": "\n"}),
        ("a: |+\n  x", {"a": "x"}),
    ],
    "comment glued to a quoted scalar": [
        ('key: "value"# note\n', REJECT),
        ("key: 'value'# note\n", REJECT),
        ('a: ["x"#c\n]\n', REJECT),
        ('key: "value" # note\n', {"key": "value"}),
    ],
    "'#' right after ',' '[' ']' '{' '}'": [
        ("a: [1,#c\n 2]\n", REJECT),
        ("a: [red,#fff]\n", REJECT),
        ("a: [#c\n 1]\n", REJECT),
        ("a: {b: 1,#c\n c: 2}\n", REJECT),
        ("a: [1]#c\n", REJECT),
        ("a: {b: 1}#c\n", REJECT),
        ("a: [1, #c\n 2]\n", {"a": [1, 2]}),
    ],
    "lone '-' in a flow collection": [
        ("a: [-]\n", REJECT),
        ("a: [x, -]\n", REJECT),
        ("a: [-, x]\n", REJECT),
        ("a: {b: -}\n", REJECT),
        ("a: [-x]\n", {"a": ["-x"]}),
    ],
    "flow/quoted continued at a lesser indent": [
        ("a:\n  b: [1,\n 2]\n", REJECT),
        ("a: [1,\n2]\n", REJECT),
        ("a: {x: 1,\ny: 2}\n", REJECT),
        ('a:\n  b: "x\n y"\n', REJECT),
        ('a: "x\ny"\n', REJECT),
        ("a: 'x\ny'\n", REJECT),
        ('- "x\ny"\n', REJECT),
        ('a:\n  b: "x\nc: y"\n', REJECT),
        ("a:\n  b: [1,\n   2]\n", {"a": {"b": [1, 2]}}),
        ('a: "x\n y"\n', {"a": "x y"}),
        ("[1,\n2]\n", [1, 2]),
    ],
    "integer of more than 4,300 digits": [
        ("a: " + "9" * 5000 + "\n", {"a": 10**5000 - 1}),
        ("a: 0x" + "f" * 4000 + "\n", {"a": int("f" * 4000, 16)}),
        ("a: " + "9" * 4300 + "\n", {"a": int("9" * 4300)}),
    ],
}


def outcome(text: str, expected: Any) -> str:
    try:
        loaded = load_yaml_text(text)
    except YamlError:
        return "as 1.2" if expected is REJECT else "refused"
    except Exception:  # the table counts crashes
        return "crash"
    if expected is REJECT:
        return "warned" if loaded.problems else "accepted"
    return "as 1.2" if loaded.data == expected else "WRONG"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every case's outcome")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    print(f"{'construct':45} {'cases':>5} " + " ".join(f"{o:>8}" for o in OUTCOMES))
    for construct, cases in CASES.items():
        counts = Counter(outcome(text, expected) for text, expected in cases)
        total.update(counts)
        print(f"{construct:45} {len(cases):5} " + " ".join(f"{counts[o]:8}" for o in OUTCOMES))
        if args.cases:
            for text, expected in cases:
                print(f"    {outcome(text, expected):8} {text[:40]!r}")
    cases_n = sum(len(c) for c in CASES.values())
    print(f"{'total':45} {cases_n:5} " + " ".join(f"{total[o]:8}" for o in OUTCOMES))


if __name__ == "__main__":
    main()
