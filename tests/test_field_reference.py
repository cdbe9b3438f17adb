"""The field reference under /contribute/reference/: every field of every model, never out of date.

The expected fields are read from the JSON Schemas, not from generator/pages/field_reference.py, so
a field the reference forgets (a new nested model, a new kind of type) fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ccm_ica.models.kinds import KINDS
from ccm_ica.models.common import TEXT_LANGUAGES
from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from ccm_ica.files.schema import all_schemas
from sitefixture import write_site

PAGES = {f"{kind.name}.schema.json": f"contribute/reference/{kind.name}.md" for kind in KINDS}
PAGES["site_config.schema.json"] = "contribute/reference/site-config.md"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    site = load_site(write_site(tmp_path_factory.mktemp("reference")))
    return {src: markdown for src, (_, markdown) in render_site(prepare(site)).items()}


def _field_paths(schema: dict[str, Any], node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, bool]]:
    """(path as the check names it, with [] for list entries; required?) of every property."""
    node = _resolve(schema, node)
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, name in required
        yield from _inner_paths(schema, prop, path)


def _inner_paths(schema: dict[str, Any], prop: dict[str, Any], path: str) -> Iterator[tuple[str, bool]]:
    prop = _resolve(schema, prop)
    if "properties" in prop:
        yield from _field_paths(schema, prop, path)
    if "items" in prop:
        yield from _inner_paths(schema, prop["items"], path + "[]")
    for option in prop.get("anyOf", []):
        if set(option.get("properties", {})) <= set(TEXT_LANGUAGES):
            continue  # a text given per language: one field, not a group of fields
        yield from _inner_paths(schema, option, path)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize("schema_name", sorted(PAGES))
def test_every_field_of_every_model_is_in_the_reference(rendered, schema_name):
    schema = all_schemas()[schema_name]
    page = rendered[PAGES[schema_name]]
    fields = list(_field_paths(schema, schema))
    assert fields
    for path, required in fields:
        row = next((line for line in page.splitlines() if line.startswith(f"| `{path}` |")), None)
        assert row is not None, f"{path} is missing from {PAGES[schema_name]}"
        assert row.split(" | ")[2] == ("yes" if required else "no"), row


def test_reference_index_links_every_kind_and_the_guide_links_the_index(rendered):
    index = rendered["contribute/reference/index.md"]
    for src in PAGES.values():
        assert f"({src.rsplit('/', 1)[1]})" in index, src
    from sitefixture import PROJECT
    assert "(reference/index.md)" in (PROJECT / "docs/contribute/index.md").read_text(encoding="utf-8")


def test_allowed_values_and_an_example_are_shown(rendered):
    page = rendered["contribute/reference/meetings.md"]
    kind_row = next(line for line in page.splitlines() if line.startswith("| `kind` |"))
    assert "`affected-only`, `donor-only`, `joint`" in kind_row
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/meetings.schema.json"
    assert 'date: "TODO"' in example and "kind: TODO" in example
