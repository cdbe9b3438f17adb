import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Every build in the tests makes its output from the code under test, not from an earlier
# build's (builds in child processes inherit this); tests/test_build_cache.py turns it on.
os.environ["CCM_ICA_CACHE"] = "off"
# The site's clock is the build's date (SOURCE_DATE_EPOCH): unless a test sets another, every
# build in the tests is made on the fixture's day, 30 June 2018 (builds in child processes too).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1530316800")

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve, why_no_browser  # noqa: E402
from site_pages import build_whole_site  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (review the diff)")


@pytest.fixture(scope="session")
def whole_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site in every language, built once for the whole session as `make site` does.
    CCM_SITE=<folder> tests an already built site instead."""
    given = os.environ.get("CCM_SITE")
    return Path(given) if given else build_whole_site(tmp_path_factory.mktemp("whole") / "site")


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
