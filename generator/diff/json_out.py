"""The diff as JSON, for machines: the same content as the Markdown, in fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from enum import Enum
from typing import Any

from ccm_ica.diff import Diff


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(diff: Diff) -> str:
    """Every part of the diff; `data_changed` false reads "No change to the data"."""
    data = dataclasses.asdict(diff)
    if data["records"] is not None:
        del data["records"]["renames"]  # keyed by tuples: each renamed record says it with its old path
    data["valid"] = diff.valid
    data["data_changed"] = diff.data_changed
    return json.dumps(_plain(data), indent=2, ensure_ascii=False, sort_keys=True)
