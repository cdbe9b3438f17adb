"""The Word report as PDF, converted by LibreOffice (`soffice --headless --convert-to pdf`)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180  # seconds: a first start of LibreOffice makes its profile, which takes a while


class PdfUnavailable(RuntimeError):
    """No PDF could be made: LibreOffice is absent or the conversion failed. The message says which."""


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx. Each conversion has its own LibreOffice profile, in a temporary folder,
    so that two at once (parallel tests, two builds) do not wait for or clash over one profile."""
    command = soffice()
    if command is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed, so no PDF can be made: install it "
                             "(Debian: apt-get install libreoffice-writer-nogui) or write --format docx")
    with tempfile.TemporaryDirectory(prefix="ccm-ica-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(docx)
        try:
            done = subprocess.run([command, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                                   "--convert-to", "pdf", "--outdir", str(work / "out"), str(source)],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"LibreOffice did not convert the report within {TIMEOUT} s") from None
        made = work / "out" / "report.pdf"
        if done.returncode != 0 or not made.exists():
            said = " ".join((done.stderr or done.stdout).split())[:300]
            raise PdfUnavailable(f"LibreOffice could not convert the report (exit {done.returncode}): {said or 'no message'}")
        return made.read_bytes()
