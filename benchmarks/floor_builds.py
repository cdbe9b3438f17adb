"""The floor of a build in every language: MkDocs builds each language's Markdown pages one after
another in one process, as `ccm-ica build` builds the languages, so the two compare like for like
(Python, MkDocs and Material start once in each).

    python benchmarks/floor_builds.py work/real-floor-en/mkdocs.yml=work/en-site work/real-floor-fr/mkdocs.yml=work/fr-site
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(pairs: list[str]) -> int:
    for pair in pairs:
        config_file, _, site_dir = pair.partition("=")
        build(load_config(config_file, site_dir=site_dir, strict=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
