"""A build can die at any moment, and two builds never write one site at once.

`ccm-ica build` runs as a child process on the fixture project (sitefixture.py) and is killed
with SIGKILL after seeded random delays: the site folder must then be the last good one (it has a
marker file the new build does not make) or the whole new one, and the next build must succeed
and leave nothing beside the site. A kill between the swap's two renames is too short a moment to
hit by chance, so that state is made by hand. Two builds at once (the first paused with SIGSTOP while the second
starts): the second one says another is writing the site, exit 1, and the first finishes.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import every_file, prepare
from sitefixture import write_site

from ccm_ica import cli

MARKER = "left-by-the-last-good-build.txt"


def command(root: Path) -> list[str]:
    return [sys.executable, "-m", "ccm_ica", "--root", str(root), "build"]


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def beside(root: Path) -> list[str]:
    """What a build left beside the site folder (staging, .previous, the lock)."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = prepare(write_site(tmp_path_factory.mktemp("safety") / "project"))
    assert cli.main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(good: Path, tmp_path: Path) -> Path:
    """A copy of the good project whose site has the marker, so a reader can tell old from new."""
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(good, copy, symlinks=True)
    (copy / "site" / MARKER).write_text("the old site\n", encoding="utf-8")
    return copy


def whole_old_or_whole_new(site: Path, old: dict[str, bytes]) -> str:
    now = every_file(site)
    if now == old:
        return "old"
    assert MARKER not in now, "a mix of the old site and the new one"
    assert sorted(now) == sorted(name for name in old if name != MARKER), "the new site is not whole"
    return "new"


def test_a_build_killed_at_any_moment_leaves_a_whole_site(project: Path) -> None:
    old = every_file(project / "site")
    started = time.perf_counter()
    done = subprocess.run(command(project), env=environment(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    took = time.perf_counter() - started
    new = every_file(project / "site")
    seen = set()
    for delay in sorted(random.Random(21).uniform(0.2, took) for _ in range(4)):
        # back to the old site with its marker, then a build killed after `delay` seconds
        for name in list(every_file(project / "site")):
            (project / "site" / name).unlink()
        for name, data in old.items():
            (project / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (project / "site" / name).write_bytes(data)
        child = subprocess.Popen(command(project), env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen.add(whole_old_or_whole_new(project / "site", old))
        assert set(beside(project)) <= {".site.building", ".site.lock", ".site.previous"}
        again = subprocess.run(command(project), env=environment(), capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
        assert "Traceback" not in again.stderr
        assert every_file(project / "site") == {name: data for name, data in new.items()}
        assert beside(project) == [], "the next build left something beside the site"
    assert "old" in seen  # at least one kill landed before the swap


def test_a_kill_between_the_two_renames_is_undone_by_the_next_build(project: Path, capsys) -> None:
    old = every_file(project / "site")
    (project / "site" / ".git").mkdir()  # a deployment checkout's, which must survive
    (project / "site").rename(project / ".site.previous")  # the first rename done, not the second
    (project / ".site.building").mkdir()
    (project / ".site.building" / "half.html").write_text("<p>half", encoding="utf-8")
    assert cli.main(["--root", str(project), "build"]) == 0
    assert (project / "site" / ".git").is_dir()
    assert MARKER not in every_file(project / "site")
    assert sorted(every_file(project / "site")) == sorted(name for name in old if name != MARKER)
    assert beside(project) == []


def test_a_kill_after_the_second_rename_keeps_the_hidden_entries(project: Path) -> None:
    (project / "site" / ".git").mkdir()
    (project / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (project / "site").rename(project / ".site.previous")
    (project / "site").mkdir()  # the new site is in place; .git had not moved over yet
    (project / "site" / "index.html").write_text("<p>new", encoding="utf-8")
    assert cli.main(["--root", str(project), "build"]) == 0
    assert (project / "site" / ".git" / "HEAD").read_text(encoding="utf-8").startswith("ref:")
    assert beside(project) == []


def test_a_second_build_into_the_same_site_says_another_is_running(project: Path, capsys) -> None:
    lock = project / ".site.lock"
    with lock.open("w") as held:  # as a build that is writing the site does
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        old = every_file(project / "site")
        assert cli.main(["--root", str(project), "build"]) == 1
        said = capsys.readouterr().err
        assert f"ccm-ica: another build is writing {project / 'site'}; wait for it to finish" in said
        assert every_file(project / "site") == old
    assert cli.main(["--root", str(project), "build"]) == 0  # once the first is done, a build goes ahead
    assert beside(project) == []


def test_two_builds_started_together_do_not_mix(project: Path) -> None:
    first = subprocess.Popen(command(project), env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (project / ".site.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGSTOP)  # held mid-build, so the second surely starts while it writes
    try:
        second = subprocess.run(command(project), env=environment(), capture_output=True, text=True, check=False)
    finally:
        first.send_signal(signal.SIGCONT)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert f"another build is writing {project / 'site'}; wait for it to finish" in second.stderr
    assert "Traceback" not in second.stderr
    assert MARKER not in every_file(project / "site") and beside(project) == []
