"""JSON Schemas of every kind, so editors validate YAML while a coordinator types, and of every
JSON download as it is published (an array of records, each with its `id`), so a reuser checks one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models are imported when a schema is made, not by the command line's parser
    from pydantic import BaseModel

SCHEMA_DIR = "schemas"


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def download_schema_name(kind_name: str) -> str:
    """'countries.json' is checked by 'countries.file.schema.json', beside 'countries.schema.json'."""
    return f"{kind_name}.file.schema.json"


def download_schema(model: type[BaseModel], file_name: str) -> dict[str, Any]:
    """The schema of one JSON download: an array of the kind's records, each with its `id` (its file
    name without '.yml') beside every field. The JSON is what the model dumps, so the record schema
    is the serialization one; its definitions stay at the root, where its `$ref`s point."""
    record = model.model_json_schema(mode="serialization")
    definitions = record.pop("$defs", {})
    record["properties"] = {"id": {"type": "string", "minLength": 1, "title": "Id",
                                   "description": "The record's file name without '.yml'."}, **record["properties"]}
    record["required"] = ["id", *record.get("required", [])]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": file_name,
            "description": f"{file_name}: every record of the kind, sorted by id.",
            "type": "array", "items": {"$ref": "#/$defs/record"}, "$defs": {**definitions, "record": record}}


def schema_models() -> dict[str, tuple[type[BaseModel], str]]:
    """File name → (model, title): one schema per kind and one for site_config.yml."""
    from ccm_ica.content.load import CONFIG_FILE
    from ccm_ica.models.config import SiteConfig
    from ccm_ica.models.kinds import KINDS

    models = {f"{kind.name}.schema.json": (kind.model, f"{kind.label} ({kind.folder}/<id>.yml)") for kind in KINDS}
    models["site_config.schema.json"] = (SiteConfig, CONFIG_FILE)
    return models


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, one per kind and one for site_config.yml."""
    return {name: schema_of(model, title) for name, (model, title) in schema_models().items()}


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def modeline(folder: str, kind_name: str) -> str:
    """The first line of a content file: which schema the YAML language server should use."""
    depth = folder.count("/") + 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind_name}.schema.json"
