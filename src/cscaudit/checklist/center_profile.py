"""What center.yaml's `profile:` may name: a profile (kind: profile), nothing else.

`--profile <checklist id>` is a usage error; the same id written in center.yaml must not be
taken quietly as the checklist in force. `profile_problem` is the one judgement: the audit
raises it at center.yaml's `profile:` line (`checklist._first`), `validate` reports it there
(`validate.crossref`). Each side finds the document its own way and passes its kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cscaudit.i18n import Text, clip, t
from cscaudit.suggest import did_you_mean


@dataclass(frozen=True)
class ProfileProblem:
    """`code` is "unknown-profile" (no document has that id) or "profile-is-checklist"."""

    code: str
    message: Text


def profile_problem(ref: str, kind: str | None, profile_ids: Iterable[str],
                    folder: str) -> ProfileProblem | None:
    """Why center.yaml's `profile: ref` cannot be followed, or None when it names a profile.
    `kind` is the kind of the document found by that id (None: none found); `profile_ids`
    the profiles it could name (suggested when one is close); `folder` the center's folder."""
    if kind == "profile":
        return None
    ids = sorted(set(profile_ids))
    shown = clip(ref)
    hint = did_you_mean(ref, ids)
    listed = "、".join(ids)
    if kind == "checklist":
        return ProfileProblem("profile-is-checklist", t(
            f"profile: {shown} 指向考核清单（kind: checklist），不是地方配置：这里应填地方配置编号"
            f"（可用：{listed}）；如要按这份清单考核，请用 --checklist {shown}",
            f"profile: {shown} names a checklist (kind: checklist), not a profile: write a "
            f"profile id here (known: {', '.join(ids)}); to audit with that checklist, use "
            f"--checklist {shown}") + hint)
    return ProfileProblem("unknown-profile", t(
        f"找不到地方配置 “{shown}”（内置和 {folder} 中的配置：{listed}）",
        f"profile '{shown}' not found (shipped and in {folder}: {', '.join(ids)})") + hint)
