"""JSON Schemas: written from the models, kept in schemas/, valid for the shipped content."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from ccm_ica.pages.field_reference import nested_models
from ccm_ica.models.kinds import KINDS
from ccm_ica.models.config import SiteConfig
from ccm_ica.files.schema import all_schemas, modeline, schema_text
from sitefixture import PROJECT


def test_committed_schemas_match_the_models():
    for name, schema in all_schemas().items():
        committed = PROJECT / "schemas" / name
        assert committed.read_text(encoding="utf-8") == schema_text(schema), (
            f"schemas/{name} is out of date: run `ccm-ica schema`")


def test_every_field_has_a_description():
    """The field reference (tests/test_field_reference.py) and the schemas show these descriptions."""
    missing = {
        f"{model.__name__}.{name}"
        for root in [kind.model for kind in KINDS] + [SiteConfig]
        for model in nested_models(root)
        for name, info in model.model_fields.items()
        if not info.description
    }
    assert missing == set()


def _content_files():
    return sorted((PROJECT / "content").rglob("*.yml"))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_shipped_content_validates_against_its_schema(kind):
    """An independent validator (jsonschema) agrees with the generator on the real content."""
    schema = json.loads((PROJECT / "schemas" / f"{kind.name}.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for file in sorted((PROJECT / kind.folder).glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        errors = [f"{file.name}: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []


def test_every_content_file_names_its_schema():
    expected = {kind.folder: modeline(kind.folder, kind.name) for kind in KINDS}
    for file in _content_files():
        folder = file.parent.relative_to(PROJECT).as_posix()
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == expected[folder], file
        target = (file.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), target


def test_schema_rejects_a_misspelt_key():
    schema = json.loads((PROJECT / "schemas" / "countries.schema.json").read_text())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(
        {"name": "Norway", "role": ["donor"], "last_reviewed": "2018-01-01", "sources": ["x"]}))
    assert any("'role' was unexpected" in e.message for e in errors)
