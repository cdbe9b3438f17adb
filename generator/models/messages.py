"""What `make messages` takes from the models for the catalogs: each model's docstring (whole, and
its first line) and each field's description, as the field reference and the data page show them
(pages/field_reference.py, files/data.py), besides the usual _() calls. A Babel extraction method,
named in babel.cfg."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, str | None, str, list[str]]]:
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and (doc := ast.get_docstring(node)):
            yield node.lineno, None, doc.strip(), ["The model's description, shown on the field reference and the data page."]
            if "\n" in doc.strip():
                yield node.lineno, None, doc.strip().splitlines()[0], ["The model's description, first line."]
        elif isinstance(node, ast.keyword) and node.arg == "description":
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node.value.lineno, None, node.value.value, ["A field's description, on the field reference."]
