"""PACER docket sheets (HTML) in, readable text out.

The produced text, which becomes ``Page.text`` (method "html") and which every
offset points into, keeps the docket's reading order:

- the caption (court, "CRIMINAL DOCKET FOR CASE #: ...", case title, dates, judge);
- each party block: "Defendant (1)", the name, "also known as ..." lines, then
  "represented by" and the lawyers;
- the count tables as one line per row: "Pending Counts | Disposition", then
  "21:952 and 960 IMPORTATION OF MARIJUANA (1) | Sixty months ...";
- the docket entries as one line each: "date | # | docket text".

Menus, scripts and the PACER billing receipt are dropped. Any other HTML is
rendered the same generic way (block elements and table rows become lines).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from expediente.corpus.document import Page
from expediente.corpus.errors import CorruptDocument, EmptyDocument
from expediente.corpus.plaintext import check_length
from expediente.corpus.settings import SETTINGS, ReadSettings

_BLOCKS = {
    "p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "title", "form", "body",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "head", "input", "select", "button", "img", "iframe"}
_ONE_LINE_SECTIONS = re.compile(r"counts|complaints|offense level", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_RECEIPT = re.compile(r"PACER\s+Service\s+Center|Transaction\s+Receipt", re.IGNORECASE)
_AKA = re.compile(r"^(?:also\s+known\s+as|a/k/a|aka)$", re.IGNORECASE)


class _Lines:
    """Collects text into lines, collapsing whitespace inside each line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def text(self, s: str) -> None:
        self._current.append(s)

    def newline(self) -> None:
        line = _SPACES.sub(" ", "".join(self._current)).strip()
        self._current = []
        if line:
            self.lines.append(line)

    def blank(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def line(self, s: str) -> None:
        self.newline()
        self.text(s)
        self.newline()

    def done(self) -> list[str]:
        self.newline()
        return self.lines


def _render(node: Tag, out: _Lines) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _SKIP:
            continue
        if name == "br":
            out.newline()
        elif name == "table":
            out.blank()
            _render_table(child, out)
            out.blank()
        elif name in _BLOCKS or name == "tr":
            out.newline()
            _render(child, out)
            out.newline()
        else:
            _render(child, out)


def _cell_lines(cell: Tag) -> list[str]:
    sub = _Lines()
    _render(cell, sub)
    lines = [line for line in sub.done() if line]
    merged: list[str] = []
    for line in lines:  # "also known as" / "Name" -> "also known as Name"
        if merged and _AKA.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    return merged


def _own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _is_heading(cells: list[Tag]) -> bool:
    """A PACER section heading row: every non-empty cell is bold/underlined text only."""
    filled = [c for c in cells if c.get_text(strip=True)]
    if not filled:
        return False
    for cell in filled:
        marked = cell.find(["u", "b", "strong"])
        if marked is None or _SPACES.sub(" ", marked.get_text()).strip() != _SPACES.sub(" ", cell.get_text()).strip():
            return False
    return True


def _render_table(table: Tag, out: _Lines) -> None:
    rows = _own_rows(table)
    entries = bool(rows) and "docket text" in rows[0].get_text(" ").lower()
    section = ""
    for row in rows:
        cells = row.find_all(["td", "th"], recursive=False)
        if not cells:
            continue
        texts = [" ".join(_cell_lines(c)) for c in cells]
        if entries:
            out.line(" | ".join(t for t in texts[:3]) + (" | " + " ".join(texts[3:]) if len(texts) > 3 else ""))
            continue
        if _is_heading(cells):
            section = next(t for t in texts if t)
            out.blank()
            out.line(" | ".join(t for t in texts if t))
            continue
        per_cell = [_cell_lines(c) for c in cells]
        if _ONE_LINE_SECTIONS.search(section) or all(len(lines) <= 1 for lines in per_cell):
            line = " | ".join(t for t in texts if t)
            if line:
                out.line(line)
            continue
        for lines in per_cell:
            for line in lines:
                out.line(line)


def html_to_text(data: bytes | str) -> str:
    soup = BeautifulSoup(data, "lxml")
    for tag in soup.select("div.noprint, #topmenu"):
        tag.decompose()
    receipts = [t for t in soup.find_all("table") if _RECEIPT.search(t.get_text(" "))]
    for table in receipts:
        if not any(inner in receipts for inner in table.find_all("table")) and table.parent is not None:
            table.decompose()
    root = soup.find(id="cmecfMainContent") or soup.body or soup
    out = _Lines()
    _render(root, out)
    lines = out.done()
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def read_html(path: str, settings: ReadSettings = SETTINGS) -> tuple[list[Page], list[str]]:
    name = Path(path).name
    data = Path(path).read_bytes()
    try:
        text = html_to_text(data)
    except (ValueError, TypeError, AssertionError) as exc:
        raise CorruptDocument(f"{name}: the HTML cannot be parsed ({exc})") from exc
    except RecursionError as exc:
        raise CorruptDocument(f"{name}: the HTML's elements are nested too deeply to be read as a docket") from exc
    check_length(name, len(text), settings)
    if not text.strip():
        raise EmptyDocument(f"{name}: the HTML page has no text")
    return [Page(1, text, "html")], []
