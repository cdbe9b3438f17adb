"""Golden Markdown: each generated page of the fixture site, as reviewed in tests/golden/.

After a deliberate template change: `pytest tests/test_golden_pages.py --update-golden`, then
read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from sitefixture import write_site

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    site = load_site(write_site(tmp_path_factory.mktemp("golden")))
    return {src: markdown for src, (_, markdown) in render_site(prepare(site)).items()}


def test_generated_pages_match_golden_files(rendered, request):
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for src, markdown in rendered.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(markdown, encoding="utf-8")
    expected = {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*.md")}
    assert sorted(rendered) == sorted(expected)
    for src, markdown in rendered.items():
        assert markdown == expected[src], f"{src} differs from tests/golden/{src}: run with --update-golden and review"
