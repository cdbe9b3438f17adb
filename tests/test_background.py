"""The generator working in a forked child while MkDocs builds (generator/background.py, output.py).

Whole builds run as commands, in a fresh process of their own, as a user runs them: pytest's
own process may hold threads (the browser tests' web server), where forking is refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import background, build_cache
from generator.output import Output
from generator.problems import ContentError, Problem
from sitebuild import every_file, prepare
from sitefixture import write_site

NOR = "content/countries/nor.yml"
BIN = Path(sys.executable).parent


def run(command: list[str], root: Path, **switches: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", build_cache.SWITCH: "off", **switches}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def single_threaded(monkeypatch):
    """Let this process fork for the small producers below, which take no lock another thread
    could hold (whole builds are run as commands instead)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.delenv(background.SWITCH, raising=False)


def reaped(pid: int) -> bool:
    """The child has ended and been waited for: no zombie is left behind."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


# --- the transport -------------------------------------------------------------------------


def test_values_arrive_in_order_and_the_child_is_reaped(single_threaded):
    made = background.forked(lambda: iter([os.getpid(), "two", b"three", {"four": [4]}]))
    assert made is not None
    pid, *rest = list(made)
    assert pid != os.getpid() and rest == ["two", b"three", {"four": [4]}]
    assert reaped(pid)


def test_the_child_works_through_to_the_end_whatever_is_read_here(single_threaded):
    """Two megabytes, far more than a pipe holds: the child sends them all and ends (a zombie,
    until reaped) while nothing more is read here, so it never waits for MkDocs."""
    def produce():
        yield os.getpid()
        for _ in range(20):
            yield "x" * 100_000

    made = background.forked(produce)
    pid = next(made)
    deadline = time.monotonic() + 60  # a bound for a stuck child, not a speed target
    while process_state(pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process_state(pid) == "Z"
    assert list(made) == ["x" * 100_000] * 20
    assert reaped(pid)


def process_state(pid: int) -> str:
    """R, S, Z…, from /proc (Linux), as `ps` shows it."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_an_error_in_the_child_is_raised_here_with_the_childs_traceback(single_threaded):
    def produce():
        yield os.getpid()
        raise ValueError("boom")

    made = background.forked(produce)
    pid = next(made)
    with pytest.raises(ValueError, match="boom") as raised:
        next(made)
    notes = "\n".join(raised.value.__notes__)
    assert "in the generator's background process" in notes and "in produce" in notes
    assert reaped(pid)


def test_bad_content_found_in_the_child_keeps_every_problem(single_threaded):
    problems = [Problem(NOR, 2, 1, "unknown field 'role'", "remove it"), Problem(NOR, 3, 5, "not a date", "YYYY-MM-DD")]

    def produce():
        raise ContentError(problems)
        yield  # a generator, like output.produce

    with pytest.raises(ContentError) as raised:
        list(background.forked(produce))
    assert raised.value.problems == problems
    assert f"{NOR}:2:1: unknown field 'role'" in str(raised.value)


def test_a_child_that_dies_is_reported_not_waited_for(single_threaded):
    def produce():
        yield os.getpid()
        os.kill(os.getpid(), signal.SIGKILL)

    made = background.forked(produce)
    pid = next(made)
    with pytest.raises(RuntimeError, match=r"ended early \(killed by signal 9\)"):
        next(made)
    assert reaped(pid)


def test_a_child_no_longer_needed_is_stopped(single_threaded, tmp_path):
    def produce():
        yield os.getpid()
        time.sleep(3600)  # without the stop, close() below would wait for this
        yield "never"

    made = background.forked(produce)
    pid = next(made)
    made.close()
    assert reaped(pid)
    assert not Path(f"/proc/{pid}").exists()


def test_busy_says_whether_the_build_would_wait_for_a_value(single_threaded, tmp_path):
    """What the build does meanwhile (theme_templates.py) depends on it: True only while the
    child has yet to send the value; an error the child sent is raised by it too."""
    go = tmp_path / "go"

    def produce():
        yield ("first",), os.getpid()
        while not go.exists():  # the test says when the child may go on
            time.sleep(0.01)
        yield ("second",), "made"
        raise ContentError([Problem(NOR, 2, 1, "unknown field 'role'", "remove it")])

    made = Output(background.forked(produce), "background")
    pid = made.get(("first",))
    assert made.busy(("second",))
    go.touch()
    deadline = time.monotonic() + 60  # a bound for a stuck child, not a speed target
    while made.busy(("second",)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert made.get(("second",)) == "made"
    with pytest.raises(ContentError, match="unknown field 'role'"):
        while time.monotonic() < deadline:
            made.busy(("third",))
    assert reaped(pid)
    assert not Output(iter([(("first",), 1)]), "cache").busy(("first",))


def test_no_fork_where_it_is_unsafe_or_switched_off(monkeypatch):
    monkeypatch.delenv(background.SWITCH, raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert background.forked(lambda: iter([1])) is None  # another thread: fork is refused
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setenv(background.SWITCH, "off")
    assert background.forked(lambda: iter([1])) is None


# --- whole builds --------------------------------------------------------------------------


def test_a_background_build_is_byte_identical_to_one_made_in_process(tmp_path):
    root = prepare(write_site(tmp_path))
    forked = run([str(BIN / "mkdocs"), "build", "--strict", "--verbose", "-d", str(tmp_path / "forked")], root)
    assert forked.returncode == 0, forked.stderr
    assert "ccm-ica: pages generated in a background process" in forked.stderr
    here = run([str(BIN / "mkdocs"), "build", "--strict", "--verbose", "-d", str(tmp_path / "here")], root,
               **{background.SWITCH: "off"})
    assert here.returncode == 0, here.stderr
    assert "ccm-ica: pages generated in this process" in here.stderr
    assert every_file(tmp_path / "forked") == every_file(tmp_path / "here")


def test_every_language_built_in_the_background_is_the_same(tmp_path):
    root = prepare(write_site(tmp_path))
    command = [sys.executable, "-m", "generator", "build", "--site-dir"]
    forked = run([*command, str(tmp_path / "forked")], root)
    assert forked.returncode == 0, forked.stderr
    assert "pages generated in a background process" in forked.stdout
    here = run([*command, str(tmp_path / "here")], root, **{background.SWITCH: "off"})
    assert here.returncode == 0, here.stderr
    assert every_file(tmp_path / "forked") == every_file(tmp_path / "here")


def test_bad_content_found_in_the_background_stops_the_build_before_the_site_is_touched(tmp_path):
    root = prepare(write_site(tmp_path))
    site = tmp_path / "site"
    assert run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(site)], root).returncode == 0
    before = every_file(site)
    (root / NOR).write_text("name: Norway\nrole: [donor]\n", encoding="utf-8")
    failed = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(site)], root)
    assert failed.returncode == 1
    assert f"{NOR}:2:1: unknown field 'role'" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert every_file(site) == before  # the last good site, untouched


def test_the_builds_first_process_leaves_pydantic_and_the_models_to_the_generator():
    """`ccm-ica build` forks its generator first, and the generator imports Pydantic and the
    models while MkDocs is imported here: imported here too, they would load one after the
    other instead (and a rebuild from the cache, which needs neither, would pay for them)."""
    script = ("import sys; from generator import cli, i18n, mkdocs_plugin, output; "
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m.startswith('generator.models.')))")
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert imported.strip() == "['generator.models.enums']"
