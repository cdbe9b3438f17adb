"""Rebuilds of unchanged input: the generated pages and files of recent builds, under .cache/.

What the generator makes depends only on its input, so a build whose input is byte for byte the
input of a recent build can take that build's output instead of loading, validating and
rendering again (`mkdocs serve` after an edit to docs/ or the CSS, `make site` run twice, a switch
back to a branch built before). The key is a digest of all of that input:

- every file under content/ and site_config.yml (their paths and bytes);
- the generator itself: its Python files, templates/ and locale/;
- the Python version and every installed distribution with its version (Pydantic, Babel,
  python-docx, CLDR data …);
- the as_of date in force, SOURCE_DATE_EPOCH, and the git commit (the "last changed" dates).

Change one byte of any of them and the key changes: the build runs in full (with the templates
Jinja has compiled before, kept in the generator's own .cache/ccm-ica/templates/). Only a build that
succeeded is stored, so a cached output is one this very input has already produced; problems
are never cached. CCM_ICA_CACHE=off turns the cache off (tests do; so can a deploy).

The entries are pickles, read only from the project's own .cache/ under a key that includes the
commit: whoever could place one there could as well change the generator's code, which runs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FORMAT = b"ccm-ica build cache 2"  # raise when what is stored changes shape
CACHE_DIR = Path(".cache") / "ccm-ica"  # under the project root; .gitignore lists .cache/
BUILDS = CACHE_DIR / "builds"  # one folder per key
TEMPLATES_CACHE = CACHE_DIR / "templates"  # under the generator's own folder (PROJECT)
KEEP = 4  # inputs remembered: a few branches stay warm, old ones are removed
PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent
TEMPLATES = PROJECT / "templates"  # render.py's, named here so the plugin need not import it
# The generator's own files beside its Python code: what the pages are made with.
GENERATOR_FOLDERS = (PACKAGE, TEMPLATES, PROJECT / "locale")
SWITCH = "CCM_ICA_CACHE"


@dataclass(frozen=True)
class Rendered:
    """One language's generated output, as the MkDocs plugin adds it to the build."""

    pages: dict[str, tuple[str | None, str]]  # Markdown path → (YAML file the edit link opens, Markdown)
    files: dict[str, bytes]  # path under the site → content (data downloads, feeds, the report)


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "false", "no")


def fingerprint(root: Path, as_of: object) -> str:
    """The digest of everything a build's generated output is made from (module docstring)."""
    digest = hashlib.sha256(FORMAT)

    def add(label: str, data: bytes) -> None:
        # Lengths keep ("ab", "c") and ("a", "bc") apart.
        digest.update(b"%d:%s%d:" % (len(label), label.encode(), len(data)) + data)

    add("python", sys.version.encode())
    add("distributions", "\n".join(_installed_distributions()).encode())
    for folder in GENERATOR_FOLDERS:
        for file in _files_under(folder):
            add(file.relative_to(folder.parent).as_posix(), file.read_bytes())
    config = root / "site_config.yml"
    add("site_config.yml", config.read_bytes() if config.is_file() else b"(none)")
    for file in _files_under(root / "content"):
        add(file.relative_to(root).as_posix(), file.read_bytes())
    add("as_of", str(as_of or "").encode())
    add("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    add("git", _git_state(root).encode())
    return digest.hexdigest()[:40]


def languages(root: Path, key: str) -> tuple[str, ...] | None:
    """The site's languages (site_config.yml's, the default first), as stored with this key's outputs."""
    try:
        return tuple((root / BUILDS / key / "languages").read_text(encoding="utf-8").split())
    except OSError:
        return None


def load(root: Path, key: str, language: str) -> Rendered | None:
    """The stored output for this key and language, or None (never stored, removed, unreadable)."""
    entry = root / BUILDS / key
    try:
        with open(entry / f"{language}.pickle", "rb") as stream:
            rendered = pickle.load(stream)
        os.utime(entry)  # recently used: kept longest
    except Exception:  # a half-removed or foreign entry is a miss, never a failed build
        return None
    return rendered if isinstance(rendered, Rendered) else None


def store(root: Path, key: str, language: str, rendered: Rendered, site_languages: tuple[str, ...]) -> None:
    """Keep a successful build's output; a cache that cannot be written only costs speed."""
    cache = root / BUILDS
    try:
        (cache / key).mkdir(parents=True, exist_ok=True)
        _write_whole(cache / key / f"{language}.pickle", pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL))
        _write_whole(cache / key / "languages", " ".join(site_languages).encode())
        _forget_old(cache)
    except OSError:
        return


def _write_whole(path: Path, data: bytes) -> None:
    """Write beside, then rename: a reader sees the whole file or none of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def template_cache() -> Path | None:
    """Where Jinja keeps the templates it compiled, or None with the cache off. Jinja checks each
    template's source against what it compiled; the folder is named after render.py, where the
    compiler's options are set, and Jinja's version, which change the compiled code but not the source."""
    if not enabled():
        return None
    import jinja2

    options = hashlib.sha256((PACKAGE / "render.py").read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = PROJECT / TEMPLATES_CACHE / options
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _forget_old(cache: Path) -> None:
    entries = sorted((p for p in cache.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder` in a fixed order, without Python's bytecode caches."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _installed_distributions() -> list[str]:
    """The metadata folders in site-packages: each name carries a version
    (`pydantic-2.9.2.dist-info`), so an upgrade or a new library changes the key."""
    found = set()
    for folder in sys.path:
        if Path(folder).name not in ("site-packages", "dist-packages"):
            continue  # the script's own folder or the working directory: not where libraries live
        try:
            found.update(name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)


def _git_state(root: Path) -> str:
    """The commit and the root's place in it: what `git log` gives the "last changed" dates from."""
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD"],
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return "(no git)"
    return done.stdout if done.returncode == 0 else "(not a git checkout)"
