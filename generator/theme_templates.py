"""Compile the theme's templates while the build waits for the generator's first pages.

MkDocs compiles Material's templates (some 45 of them, ~0.15 s) when it renders the first page,
after it has read every page's Markdown. Before that, at on_files, a build whose generator works
in the background (output.py) has nothing to do until the list of pages arrives: it compiles
them then, one at a time for as long as it would otherwise wait, into a bytecode cache that
MkDocs' own environment is given at on_env. MkDocs then loads those instead of compiling them
again, and compiles whatever is left as usual.

Nothing is kept after the build: what is gained is only the wait, not the compiling (the plain
MkDocs floor of benchmarks/ compiles them too, and so does every build). Both environments come
from the theme's get_env(), so the code compiled in one is the code the other would compile.
Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import CodeType

import jinja2
from jinja2 import meta


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates held in memory, each for the source it was compiled from."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def __len__(self) -> int:
        return len(self._code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stored = self._code.get(bucket.key)
        if stored is not None and stored[0] == bucket.checksum:  # a template changed since is compiled again
            bucket.code = stored[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


def compile_while(busy: Callable[[], bool], env: jinja2.Environment, roots: Iterable[str]) -> CompiledTemplates:
    """Compile the roots and the templates they include, extend or import by name, breadth first
    (the most used first), one at a time while busy() says there is time."""
    compiled = CompiledTemplates()
    queue, seen = list(roots), set(roots)
    while queue and busy():
        name = queue.pop(0)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            tree = env.parse(source, name, filename)
            # Names built at render time ("partials/languages/" ~ lang) are None: MkDocs compiles those.
            named = [n for n in meta.find_referenced_templates(tree) if n is not None and n not in seen]
            code = env.compile(tree, name, filename)
        except jinja2.TemplateError:  # not found, or wrong: MkDocs meets it, and says so, as usual
            continue
        bucket = compiled.get_bucket(env, name, filename, source)
        bucket.code = code
        compiled.set_bucket(bucket)
        seen.update(named)
        queue += named
    return compiled
