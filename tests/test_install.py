"""`pip install .` (not editable) gives a ccm-ica that builds any copy of the project, French included.

Templates, catalogs, docs and overrides are read from the project being built, never from where
the package is installed: the wheel is installed into a fresh virtual environment, and the site
is built from a copy of the project that has no generator/ folder at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from sitefixture import PROJECT

# What a copy of the project needs to be built; the code comes from the installed wheel.
PROJECT_FILES = ("content", "seeds", "templates", "locale", "docs", "overrides", "mkdocs.yml", "site_config.yml")


def run(command: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel built from this checkout. Its dependencies
    are this test run's own (found through a path file), so nothing is downloaded; ccm_ica itself
    can only come from the wheel: the path file adds a folder, not the editable install's hook."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # a clean copy, so the build leaves nothing in the checkout
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(".venv", ".git", "site", "*.egg-info", "build",
                                                                   "__pycache__", ".pytest_cache"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", work / "dist", source], work)
    [wheel] = (work / "dist").glob("ccm_ica-*.whl")
    environment = work / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], work)
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], work).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return environment


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("copy") / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, project / name)
        else:
            shutil.copy(PROJECT / name, project / name)
    return project


def test_the_wheel_holds_the_package_and_nothing_of_the_project(installed, copy):
    python = installed / "bin" / "python"
    where = run([python, "-c", "import ccm_ica; print(ccm_ica.__file__)"], copy).stdout.strip()
    assert where.startswith(str(installed)), where
    package = Path(where).parent
    assert (package / "emit" / "plugin.py").is_file()
    assert not (package.parent / "templates").exists() and not (package.parent / "locale").exists()


def test_the_installed_command_builds_every_language_of_a_copy_from_its_own_templates(installed, copy):
    template = copy / "templates" / "meetings.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nThis copy's own meetings template.\n", encoding="utf-8")
    done = run([installed / "bin" / "ccm-ica", "build"], copy)
    assert "built " in done.stdout
    site = copy / "site"
    assert '<html lang="fr"' in (site / "fr" / "countries" / "mne" / "index.html").read_text(encoding="utf-8")
    french_home = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Pays" in french_home  # the navigation, from the copy's own French catalog
    assert (site / "es" / "index.html").is_file()
    assert (site / "report" / "ccm-ica-8msp-progress-report.docx").is_file()
    assert "This copy's own meetings template." in (site / "meetings" / "index.html").read_text(encoding="utf-8")


def test_mkdocs_finds_the_installed_plugin(installed, copy, tmp_path):
    run([installed / "bin" / "python", "-m", "mkdocs", "build", "--strict", "--site-dir", tmp_path / "site"], copy)
    assert (tmp_path / "site" / "countries" / "mne" / "index.html").is_file()
