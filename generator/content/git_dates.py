"""When each content file last changed, from the git history: one `git log` for the whole site.

A commit's date depends only on the commit, so two builds of one commit stay byte-identical.
Outside a git checkout (a downloaded archive, a test's temporary folder) or in a shallow clone,
where the oldest commit seems to add every file at once, no date is known and none is shown.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ccm_ica.content.load import CONTENT_DIR

_GIT_TIMEOUT = 60  # seconds; the whole history of a content repository reads in well under one


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args],
                                capture_output=True, text=True, timeout=_GIT_TIMEOUT, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout


def last_changed(root: Path) -> dict[str, dt.date]:
    """Path under `root` (as in messages and edit links) → date of the last commit that changed it."""
    if _git(root, "rev-parse", "--is-shallow-repository") != "false\n":
        return {}  # not a git checkout, git missing, or a shallow clone
    # --first-parent with -m: a change counts from the day it reached the branch (the merge of
    # its pull request), not the day it was written on a coordinator's fork.
    log = _git(root, "log", "--first-parent", "-m", "--name-only", "--relative", "--format=%x00%cs", "--", CONTENT_DIR)
    return parse_log(log or "")


def parse_log(log: str) -> dict[str, dt.date]:
    """`git log --name-only --format=%x00%cs` output → path → newest date (the log is newest first)."""
    dates: dict[str, dt.date] = {}
    for commit in log.split("\0")[1:]:
        first, *paths = commit.splitlines()
        when = dt.date.fromisoformat(first.strip())
        for path in paths:
            if path.strip():
                dates.setdefault(path.strip(), when)
    return dates


def last_commit_date(root: Path) -> dt.date | None:
    """The date (UTC) of the last commit of the checkout at `root`, the one `make site` gives as
    SOURCE_DATE_EPOCH; None outside git."""
    stamp = (_git(root, "log", "-1", "--format=%ct") or "").strip()
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date() if stamp.isdigit() else None
