"""A small valid site written into a temporary folder; tests change one file and look at the result."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

FILES: dict[str, str] = {
    "site_config.yml": """
        title: "Test site"
        description: "A fixture."
        report:
          as_of: "2018-06-30"
          period:
            start: "2017-07-01"
            end: "2018-06-30"
    """,
    "content/sources/note.yml": """
        title: "A concept note"
        kind: concept-note
        date: "2017"
    """,
    "content/sources/summary.yml": """
        title: "A meeting summary"
        kind: meeting-summary
        date: "2017-12-20"
    """,
    "content/countries/mne.yml": """
        name: Montenegro
        treaty:
          status: state-party
          entry_into_force: "2010-08-01"
        roles: [affected]
        obligations:
          - article: 4
            deadline: "2020-08-01"
            completed: "2020-07-21"
        last_reviewed: "2018-01-15"
        sources: [note]
        quotes:
          note:
            - "Montenegro completed its clearance obligations on 21 July 2020"
    """,
    "content/countries/nor.yml": """
        name: Norway
        roles: [donor]
        last_reviewed: "2018-01-15"
        sources: [summary]
        quotes:
          summary: ["Norway, a donor state, took part"]
    """,
    "content/countries/lao.yml": """
        name: Lao People's Democratic Republic
        obligations:
          - article: 4
            deadline: "2020-08-01"
            extensions:
              - new_deadline: "2025-08-01"
                decided_at: 2019-09-02-9msp
        last_reviewed: "2018-01-15"
        sources: [note]
        quotes:
          note: ["Lao PDR's clearance deadline was extended to 1 August 2025"]
    """,
    "content/meetings/2017-11-24-affected.yml": """
        title: "Informal meeting with affected States"
        kind: affected-only
        date: "2017-11-24"
        city: Geneva
        countries: [mne]
        sources: [summary]
        quotes:
          summary: ["an informal meeting with affected States on 24 November 2017"]
    """,
    "content/meetings/2019-09-02-9msp.yml": """
        title: "Ninth Meeting of States Parties"
        kind: msp
        date: "2019-09-02"
        end_date: "2019-09-04"
        city: Geneva
        sources: [note]
        quotes:
          note: ["the Ninth Meeting of States Parties, Geneva, 2-4 September 2019"]
    """,
    "content/requests/mne-2017-clearance.yml": """
        country: mne
        year: 2017
        channels: [meeting]
        meeting: 2017-11-24-affected
        area: clearance
        kinds: [financial, technical]
        description: "Financial and technical assistance to complete clearance."
        status: met
        responses:
          - by: Norway
            country: nor
            what: "Funding"
            date: "2018-05"
        sources: [summary]
        quotes:
          summary:
            - "Montenegro asked for financial and technical assistance to complete clearance"
            - "Norway provided funding"
    """,
    "content/coalitions/mne-clearance.yml": """
        title: "Montenegro: clearance"
        country: mne
        partners:
          - name: Norway
            country: nor
            role: donor
        focus: [4]
        milestones:
          - date: "2018-05"
            text: "Funding secured"
            stage: active
          - date: "2020-07-21"
            text: "Clearance finished"
            stage: completed
        sources: [summary]
        quotes:
          summary: ["a coalition of Montenegro and Norway for clearance"]
    """,
    "content/assistance/nor-mne-2018.yml": """
        donor: Norway
        donor_country: nor
        recipient: mne
        year: 2018
        area: clearance
        kinds: [financial]
        description: "Funding for survey and clearance."
        sources: [summary]
        quotes:
          summary: ["Norway funded survey and clearance in Montenegro in 2018"]
    """,
    "content/action-plan/headings/5-1.yml": """
        number: "5.1"
        title: "Strengthen partnerships at all levels"
        paragraphs:
          - number: "38(b)"
            text: "Share information and good practices."
        sources: [note]
        quotes:
          note: ["Strengthen partnerships at all levels"]
    """,
    "content/action-plan/activities/first-informal-meeting.yml": """
        title: "First informal meeting"
        description: "Meet States which have requested assistance."
        who: [Australia, Peru]
        headings: [5-1]
        planned: "24 November 2017"
        start: "2017-11-24"
        status: done
        evidence:
          - meeting: 2017-11-24-affected
            note: "The meeting took place."
        sources: [note]
        quotes:
          note: ["a first informal meeting on 24 November 2017"]
    """,
    "content/action-plan/outputs/affected-meeting.yml": """
        text: "One informal meeting with affected States Parties."
        order: 1
        headings: [5-1]
        measure: meetings-affected-only
        target: "one meeting held"
        sources: [note]
        quotes:
          note: ["One informal meeting with affected States Parties"]
    """,
}


# What the pages are made with, read from the project being built (never from the package).
PAGE_MAKERS = ("templates", "locale")


def write_site(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the fixture site into `root`, with `changes` (path → new text, or None to delete).
    The project's templates and catalogs come with it: linked, or copied where a change edits them."""
    files: dict[str, str | bytes | None] = {path: textwrap.dedent(text).lstrip() for path, text in FILES.items()}
    files.update(changes or {})
    root.mkdir(parents=True, exist_ok=True)
    for folder in PAGE_MAKERS:
        if (root / folder).exists():
            continue
        if any(path.startswith(f"{folder}/") for path in files):
            shutil.copytree(PROJECT / folder, root / folder)
        else:
            (root / folder).symlink_to(PROJECT / folder, target_is_directory=True)
    for relative, text in files.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip() if text.startswith("\n") else text, encoding="utf-8")
    return root


def copy_real_content(root: Path) -> Path:
    """A copy of the project's shipped content, config and seed documents, to break on purpose."""
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copytree(PROJECT / "seeds", root / "seeds")
    shutil.copy(PROJECT / "site_config.yml", root / "site_config.yml")
    # The check wants a catalog for each language of site_config.yml: the project's own, read only.
    (root / "locale").symlink_to(PROJECT / "locale", target_is_directory=True)
    return root
