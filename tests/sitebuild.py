"""Build a site in-process with MkDocs, the way `make site` does, into a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitefixture import PROJECT


def prepare(root: Path) -> Path:
    """Give a fixture site the project's mkdocs.yml, hand-written pages and theme overrides."""
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if not (root / folder).exists():
            shutil.copytree(PROJECT / folder, root / folder)
    return root


def build_html(root: Path, site_dir: Path | None = None, as_of: str | None = None) -> Path:
    """Run `mkdocs build --strict` on root/mkdocs.yml in this process; returns the site folder."""
    site_dir = site_dir or root / "site"
    previous = os.environ.get("CCM_ICA_AS_OF")
    if as_of:
        os.environ["CCM_ICA_AS_OF"] = as_of
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    finally:
        if as_of:
            os.environ.pop("CCM_ICA_AS_OF")
            if previous is not None:
                os.environ["CCM_ICA_AS_OF"] = previous
    return site_dir


def every_file(site: Path) -> dict[str, bytes]:
    """Path inside the site → bytes, for comparing two builds byte for byte."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def page(site_dir: Path, url: str) -> str:
    return (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
