"""Build beside the last good site; put the new one in its place only once it is complete.

MkDocs empties site/ before it writes anything, so a build that stops half-way (bad content, a
broken link under --strict, a template error) would leave a half-built site to be served or
deployed. The plugin points MkDocs at a hidden folder inside site/ instead, and moves the finished
site in at the end of a good build, or deletes the folder after a failed one.

Hidden, and inside site/ rather than beside it: site/ may be a mount point or a checkout that
cannot be renamed, its parent may not be writable, and MkDocs itself leaves hidden entries of
site/ alone (utils.clean_directory), so neither does the swap. A build that runs while the
content is still being validated thereby costs nothing to the last good site: no wait is needed
before MkDocs starts writing.

A `--dirty` build is built whole too: the staging folder starts empty, so MkDocs finds every
file changed. Nothing here imports MkDocs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

STAGING = ".ccm-ica-building"  # the new site, while MkDocs writes it
PREVIOUS = ".ccm-ica-previous"  # the old site, for the moment of the swap


def start(site_dir: Path) -> Path:
    """An empty staging folder inside site_dir (created if missing) for MkDocs to build into."""
    staging = site_dir / STAGING
    _remove(staging)  # left by a build that was killed
    staging.mkdir(parents=True)
    return staging


def swap_in(staging: Path) -> Path:
    """Replace the site's visible entries with the staged ones; returns the site folder.

    The old entries are first renamed aside, so the site is mixed only for the few renames
    between, not for the time it takes to delete the old files."""
    site_dir = staging.parent
    previous = site_dir / PREVIOUS
    _remove(previous)
    previous.mkdir()
    for entry in sorted(site_dir.iterdir()):
        if not entry.name.startswith("."):
            entry.rename(previous / entry.name)
    for entry in sorted(staging.iterdir()):
        _remove(site_dir / entry.name)  # only a hidden entry can still be there
        entry.rename(site_dir / entry.name)
    staging.rmdir()
    _remove(previous)
    return site_dir


def discard(staging: Path) -> None:
    """After a failed build: the last good site stays as it was."""
    _remove(staging)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
