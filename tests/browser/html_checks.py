"""Valid HTML: the Nu Html Checker (vnu) over the pages the browser walk opened.

The walk saves each page as the browser holds it (htmx pieces loaded on arrival included) into
one folder, and vnu reads the whole folder once at the end: its Java start costs seconds, a page
costs milliseconds. vnu comes from npm, pinned in package.json (`npm ci`); Java 17 runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's own attributes are not in the HTML standard; browsers keep them as they are, and htmx
# reads them. This one kind of message is allowed; every other message fails the page.
ALLOWED = re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element “[a-z]+” at this point\.$")
VNU_TIMEOUT_S = 600


def checker_missing() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if not shutil.which("java"):
        return "Java is not installed: install a Java 17 runtime to check the HTML."
    if not VNU_JAR.exists():
        return "The HTML checker is not installed: run `npm ci` (needs npm)."
    return None


class PageStore:
    """Pages saved under a folder, each with a name that says where it came from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: dict[str, str] = {}  # file name -> which page, for whom

    def save(self, page, name: str) -> None:
        file_name = f"{len(self.names):04d}.html"
        (self.folder / file_name).write_text(page.content(), encoding="utf-8")
        self.names[file_name] = name

    def problems(self) -> dict[str, list[str]]:
        """{page name: vnu's errors} for every saved page that has any."""
        if not self.names:
            return {}
        found = html_problems(self.folder)
        return {self.names.get(file_name, file_name): lines for file_name, lines in found.items()}


def html_problems(folder: Path) -> dict[str, list[str]]:
    """{file name: error lines} for the .html files in `folder` (one run of vnu)."""
    result = subprocess.run(  # the pinned jar from node_modules, with no shell
        [
            "java",
            "-Xss1024k",  # vnu's own advice: its parser recurses deeply on big pages
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--exit-zero-always",
            "--format",
            "json",
            "--stdout",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_S,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"vnu did not run: {result.returncode} {result.stderr[-2000:]}")
    found: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        if ALLOWED.match(message.get("message", "")):
            continue
        file_name = Path(message.get("url", "?")).name
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())[:100]
        found.setdefault(file_name, []).append(f"html {where}{message.get('message')} [{extract}]")
    return found
