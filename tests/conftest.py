import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The site's clock is the build's date (SOURCE_DATE_EPOCH, which `make` sets to the last commit's
# time): whatever the commit, every build in the tests is made on the fixture's day, 30 June 2018
# (builds in child processes too), unless a test sets another date itself.
os.environ["SOURCE_DATE_EPOCH"] = "1530316800"

from browser_support import CHROMIUM, CHROMIUM_ARGS, NO_OTHER_HOST, Crawl, crawl, serve, why_no_browser  # noqa: E402
from site_pages import build_whole_site  # noqa: E402
from sitebuild import build_html, prepare  # noqa: E402
from sitefixture import write_site  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (review the diff)")


@pytest.fixture(scope="session")
def whole_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site in every language, built once for the whole session as `make site` does
    (SOURCE_DATE_EPOCH as `make` sets it). CCM_SITE=<folder> tests an already built site instead.
    Tests that only read the real site use this one; none may write into it."""
    given = os.environ.get("CCM_SITE")
    return Path(given) if given else build_whole_site(tmp_path_factory.mktemp("whole") / "site")


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site (sitefixture.py) built once with `mkdocs build --strict`: its site folder,
    inside the project that made it. Tests that change the project or its site work on a copy."""
    return build_html(prepare(write_site(tmp_path_factory.mktemp("fixture") / "project")))


@pytest.fixture(scope="session")
def site_url(whole_site: Path):
    """The whole site served on 127.0.0.1: the base address, without a trailing slash."""
    with serve(whole_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (whose own browser download is never used)."""
    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """browser_context(**options) → the session's one context for these options (viewport,
    colour scheme, JavaScript…), every request to another host refused (NO_OTHER_HOST). Tests
    open their own pages in it: a context of its own for every page would start cold each time."""
    contexts = {}

    def context(**options):
        key = repr(sorted(options.items()))
        if key not in contexts:
            contexts[key] = browser.new_context(proxy=NO_OTHER_HOST, **options)
            contexts[key].set_default_timeout(15_000)
        return contexts[key]

    yield context
    for made in contexts.values():
        made.close()


@pytest.fixture
def new_page(browser_context):
    """new_page(**context options) → a new page in the session's context for those options,
    closed after the test."""
    pages = []

    def opener(**options):
        pages.append(browser_context(**options).new_page())
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def site_crawl(browser, whole_site: Path, site_url: str) -> Crawl:
    """Every page of every language opened once (wide, light, JavaScript on), for the check that
    no page asks another host (test_site_integrity.py) and for axe-core on one page of every
    template in that viewport and palette (test_accessibility.py): no page is opened twice."""
    return crawl(browser, whole_site, site_url)
