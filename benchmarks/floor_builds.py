"""The floor of `ccm-ica build`: MkDocs alone building the very same Markdown in every language.

`prepare` runs before the timed runs and uses the generator: per language, it writes the
generated pages (render_site), the generated files (inputs.files) and the project's hand-written
docs/ into one docs folder, and records what emit.languages.language_config changes in
mkdocs.yml for that language (theme language, titles, navigation, the language switcher…).

The timed run (`floor`) imports MkDocs and nothing of the generator: it loads mkdocs.yml with the
ccm-ica plugin left out and docs_dir pointed at that folder, makes the same changes, and builds
every language one after another in one process, the default language at the site's root, as
`ccm-ica build` does. Build − floor is then the generator's own work and nothing else.

    python benchmarks/floor_builds.py prepare ROOT FLOOR   # FLOOR/<language>/docs and FLOOR/floor.json
    python benchmarks/floor_builds.py FLOOR/floor.json SITE_DIR
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PLUGIN = "ccm-ica"
SPEC = "floor.json"


def prepare(root: Path, floor: Path) -> dict[str, Any]:
    """Write every language's docs folder and FLOOR/floor.json; pages and Markdown bytes per language."""
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    from ccm_ica import i18n
    from ccm_ica.content import load_site
    from ccm_ica.emit.languages import language_config
    from ccm_ica.pages.render import prepare as prepare_inputs
    from ccm_ica.pages.render import render_site

    site = load_site(root)
    languages = list(site.config.languages)
    catalogs, problems = i18n.load_catalogs(root, languages)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    inputs = prepare_inputs(site, catalogs)
    with open(root / "mkdocs.yml", "rb") as file:
        plugins = _without_plugin(yaml_load(file).get("plugins", []))
    shutil.rmtree(floor, ignore_errors=True)
    spec: dict[str, Any] = {"config_file": str(root / "mkdocs.yml"), "plugins": plugins, "languages": []}
    summary: dict[str, Any] = {"languages": languages, "pages": {}, "markdown_bytes": {}, "files": len(inputs.files)}
    for language in languages:
        docs = floor / language / "docs"
        shutil.copytree(root / "docs", docs)
        _hand_written_in(docs, language, languages)
        pages = render_site(inputs, language, catalogs)
        for src, (_, markdown) in pages.items():
            _write(docs / src, markdown.encode("utf-8"))
        for path, content in inputs.files.items():
            _write(docs / path, content)
        out = floor / "site"  # only to compare the two configs; never built
        base = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        with i18n.using(language, catalogs):
            config = language_config(root, out, language, languages)
        spec["languages"].append({"language": language, "docs_dir": str(docs),
                                  "site_subdir": "" if language == languages[0] else language,
                                  "changes": _changes(base, config)})
        summary["pages"][language] = len(pages)
        summary["markdown_bytes"][language] = sum(len(markdown.encode("utf-8")) for _, markdown in pages.values())
    (floor / SPEC).write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def _hand_written_in(docs: Path, language: str, languages: list[str]) -> None:
    """The hand-written pages as this language's site shows them (emit/hand_written.py): each
    `<page>.<code>.md` replaces `<page>.md` in its language and is no page of its own."""
    for code in languages[1:]:
        for translation in sorted(docs.rglob(f"*.{code}.md")):
            if code == language:
                translation.replace(translation.with_name(translation.name.replace(f".{code}.md", ".md")))
            else:
                translation.unlink()


def _without_plugin(plugins: Any) -> Any:
    """mkdocs.yml's plugins (a list of names or one-key mappings, or a mapping) without ccm-ica."""
    if isinstance(plugins, Mapping):
        return {name: options for name, options in plugins.items() if name != PLUGIN}
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, Mapping) and PLUGIN in p)]


def _changes(base: Any, config: Any) -> dict[str, dict[str, Any]]:
    """What language_config changed from plain mkdocs.yml: top-level options and theme options,
    as JSON (a change that JSON cannot carry fails here, loudly, rather than being dropped)."""
    changes: dict[str, dict[str, Any]] = {"config": {}, "theme": {}}
    for key in config:
        if key in ("plugins", "site_dir", "docs_dir"):  # the floor's own
            continue
        if key == "theme":
            changes["theme"] = {k: config.theme[k] for k in config.theme
                                if k not in base.theme or config.theme[k] != base.theme[k]}
        elif config[key] != base[key]:
            changes["config"][key] = dict(config[key]) if isinstance(config[key], Mapping) else config[key]
    json.dumps(changes)
    return changes


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def floor(spec_file: Path, site_dir: Path) -> None:
    """MkDocs builds each language's docs folder with that language's config, in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    for language in spec["languages"]:
        config = load_config(spec["config_file"], site_dir=str(site_dir / language["site_subdir"]),
                             docs_dir=language["docs_dir"], plugins=copy.deepcopy(spec["plugins"]), strict=True)
        for key, value in language["changes"]["config"].items():
            if isinstance(config[key], Mapping):
                config[key].update(value)
            else:
                config[key] = value
        for key, value in language["changes"]["theme"].items():
            config.theme[key] = value
        build(config)
    leaked = sorted(name for name in sys.modules if name.split(".")[0] == "ccm_ica")
    if leaked:  # then the floor would pay for some of the generator's imports
        raise SystemExit(f"the floor imported the generator: {', '.join(leaked[:5])}")


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "prepare":
        print(json.dumps(prepare(Path(argv[1]).resolve(), Path(argv[2]).resolve())))
    elif len(argv) == 2:
        floor(Path(argv[0]), Path(argv[1]))
    else:
        raise SystemExit("usage: floor_builds.py prepare ROOT FLOOR, or floor_builds.py FLOOR/floor.json SITE_DIR")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
