"""Federal case numbers: find them in text and normalise them.

Federal district courts number criminal cases as ``N:YY-cr-NNNNN`` (office, two-digit
year, case type, sequence), followed by optional judge initials and a defendant suffix
("3:19-cr-01234-BAS-1"). Filings write the same number in many ways:

- ``3:11-cr-00045-DMS``, ``1:20-MJ-00104 EPG``, ``2:22CR00115-001``, ``17MJ4425``;
- without the office: ``23-cr-10159-IT``, ``25-CR-69``;
- California style with the type in front: ``CR 20-155 VAP``, ``SACR 14-00167 JVS``,
  ``CR-19-0491 JST``, ``CR 20-00446 WHA-2``;
- Western District of Texas style ``SA-21-CR-0412-FB``;
- Western District of Missouri style: ``22-4065-CR-C-SRB``, ``22-04065-01-CR-C-BCW``;
- with only a criminal label for the type: ``Criminal No. 22-115``, ``CRIMINAL No.23-10159-IT``,
  and with a division letter first: ``CRIMINAL NO. H-19-738`` (Southern District of Texas);
- New York style, type abbreviated between year and sequence: ``20 Cr. 311 (VEC)``,
  ``S1 17 Cr. 352``, ``19 Mag. 4425``.

OCR reads a lower-case ``j`` as ``y``: ``1: 20-My- 00104`` is read as a magistrate number
when hyphens frame the type (a bare "20 my 3" is ordinary words).

Normal form: ``N:YY-tt-NNNNN`` when the office number is written, ``YY-tt-NNNNN`` when
not (``tt`` is the lower-cased case type). Judge initials and defendant suffixes are
dropped. Anything else (a state indictment number) is kept as written.

Which number is the document's own (:func:`read_case_numbers`): a labelled number on the caption page
counts most, one deep in the body little, and one cited from another case ("see United States v. X,
No. ...") least. The number is also read from the ECF stamps ("Case 3:17-cr-00095-JLS Document 1 Filed
...") on the pages' original text, which cleaning removed from the text searched: such a reading carries
its location (page, start, end in the original page). A stamp names the case the document was filed in,
which is usually but not always the case of its caption (an order in a magistrate case filed again in
the criminal case), so the caption's own number wins when there is one; a stamp that agrees with it and
adds the office number gives the fuller number.

This module has no spaCy dependency so the evaluation command can reuse it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from expediente.corpus.clean import stamp_case_numbers
from expediente.extractors.caption import CaptionPatterns, Head
from expediente.extractors.text import PageView

CASE_TYPES = ("cr", "mj", "po", "pt", "mc", "sw")
"""Case-type codes kept; ``cr`` criminal, ``mj`` magistrate, ``po`` petty offense, ``pt``
petty, ``mc`` miscellaneous, ``sw`` search warrant. Civil (``cv``) numbers are ignored."""

_TYPE = r"(?P<type>cr|mj|po|pt|mc|sw|[c¢]r|my)"
_JUDGE = r"(?:[- ]{1,2}(?P<judge>[A-Z]{2,4}(?:-[A-Z]{2,4})*))?"
_DEF = r"(?:-(?P<defnum>\d{1,3}))?"

# 3:11-cr-00045-DMS-1 / 1:20-MJ-00104 EPG / 2:22CR00115-001 / 23-cr-10159 / 25-CR-69 / 17MJ4425
_STANDARD = re.compile(
    rf"(?<![\w:/.-])(?:(?P<office>\d)\s?:\s?)?(?P<year>\d{{2}})\s?-?\s?{_TYPE}\s?-?\s?(?P<seq>\d{{1,6}})"
    rf"(?![\d/])(?:-(?P<defnum0>\d{{3}})(?!\d))?{_JUDGE}{_DEF}",
    re.IGNORECASE,
)
# CR 20-155 VAP / SACR 14-00167 JVS / CR-19-0491 JST / CR 14-648-CAS
_TYPE_FIRST = re.compile(
    r"(?<![\w-])(?P<div>[A-Z]{1,2})?(?P<type>CR|MJ)\s?[-.]?\s?(?P<year>\d{2})\s?-\s?(?P<seq>\d{1,6})(?!\d)"
    rf"{_JUDGE}{_DEF}",
)
# SA-21-CR-0412-FB / EP-19-CR-2541 (Western District of Texas: division letters first)
_DIV_FIRST = re.compile(
    r"(?<![\w-])(?P<div>[A-Z]{1,2})-(?P<year>\d{2})-(?P<type>CR|MJ)-(?P<seq>\d{1,6})(?!\d)"
    r"(?:-(?P<judge>[A-Z]{2,4}))?",
)
# 22-4065-CR-C-SRB / 22-04065-01-CR-C-BCW
_TYPE_AFTER = re.compile(
    r"(?<![\w:-])(?P<year>\d{2})-(?P<seq>\d{3,6})(?:-(?P<defnum>\d{1,3}))?-(?P<type>CR|MJ)"
    r"(?:-(?P<div>[A-Z]{1,2}))?(?:-(?P<judge>[A-Z]{2,4}))?(?![\w])",
    re.IGNORECASE,
)
# "Criminal No. 22-115", "CRIMINAL No.23-10159-IT", "CRIMINAL NO. H-19-738": the label supplies the type
_LABELLED_BARE = re.compile(
    r"(?P<label>Crim(?:inal)?\.?\s*(?:Action\s*)?(?:Case\s*)?(?:No|Number)\.?\s*:?)\s*"
    r"(?P<num>(?:[A-Z]{1,2}-)?(?P<year>\d{2})\s?-\s?(?P<seq>\d{1,6})(?![\d-])(?:-(?P<judge>[A-Z]{2,4}))?)",
    re.IGNORECASE,
)
# "20 Cr. 311 (VEC)", "S1 17 Cr. 352 (KAM)", "19 Mag. 4425": New York's year, abbreviated type, sequence
_ABBREVIATED_TYPE = re.compile(
    r"(?<![\w:/.-])(?:S\d{1,2}\s+)?(?P<year>\d{2})\s+(?P<type>Cr(?:im)?|CR(?:IM)?|Mag|MAG)\.?\s+(?P<seq>\d{1,6})(?![\d/])"
    r"(?:\s*\((?P<judge>[A-Z]{2,4})\))?"
)
_ABBREVIATED_TYPES = {"cr": "cr", "crim": "cr", "mag": "mj"}

# State indictment numbers ("Ind. No. 43109-2023", "INDICTMENT #: ... 43109/2023"): kept as written
_STATE_INDICTMENT = re.compile(
    r"\b(?:Ind(?:ictment)?\.?\s*(?:No\.?|Number|#)\s*:?)[^\d\n]{0,30}(?:\n[^\d\n]{0,30}){0,2}?"
    r"(?P<num>\d{3,6}\s?[-/]\s?\d{2,4})(?![\d/-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseNumber:
    raw: str
    start: int  # offsets of ``raw`` in the searched text
    end: int
    year: str | None = None
    seq: str | None = None
    case_type: str | None = None
    office: str | None = None

    @property
    def normalised(self) -> str:
        if self.year is None or self.seq is None or self.case_type is None:
            return " ".join(self.raw.split())
        body = f"{self.year}-{self.case_type}-{int(self.seq):05d}"
        return f"{self.office}:{body}" if self.office else body

    @property
    def key(self) -> tuple[str, str, str] | None:
        """Year, type and sequence: two numbers with the same key are the same case."""
        if self.year is None or self.seq is None or self.case_type is None:
            return None
        return (self.year, self.case_type, f"{int(self.seq):05d}")

    def with_office(self, office: str | None) -> CaseNumber:
        return CaseNumber(self.raw, self.start, self.end, self.year, self.seq, self.case_type, office)


def _type(raw: str) -> str:
    t = raw.lower().replace("¢", "c")
    return "mj" if t == "my" else t


def _plausible(year: str, seq: str) -> bool:
    return len(seq) >= 1 and int(seq) > 0 and year.isdigit()


def find(text: str) -> list[CaseNumber]:
    """Every criminal case number in ``text``, in order of appearance (no overlaps)."""
    found: list[CaseNumber] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def keep(m: re.Match[str], year: str, seq: str, ctype: str, office: str | None, start=None, end=None):
        s = m.start() if start is None else start
        e = m.end() if end is None else end
        raw = text[s:e].rstrip(" -")
        e = s + len(raw)
        if not free(s, e) or not _plausible(year, seq):
            return
        taken.append((s, e))
        found.append(CaseNumber(raw, s, e, year, seq, ctype, office))

    for m in _DIV_FIRST.finditer(text):
        keep(m, m["year"], m["seq"], _type(m["type"]), None)
    for m in _TYPE_AFTER.finditer(text):
        keep(m, m["year"], m["seq"], _type(m["type"]), None)
    for m in _STANDARD.finditer(text):
        if _type(m["type"]) not in CASE_TYPES:
            continue
        if m["type"].lower() == "my" and not re.fullmatch(
            r"\s?-\s?my\s?-\s?", text[m.end("year") : m.start("seq")], re.I
        ):
            continue
        keep(m, m["year"], m["seq"], _type(m["type"]), m["office"])
    for m in _TYPE_FIRST.finditer(text):
        keep(m, m["year"], m["seq"], _type(m["type"]), None)
    for m in _ABBREVIATED_TYPE.finditer(text):
        keep(m, m["year"], m["seq"], _ABBREVIATED_TYPES[m["type"].lower()], None)
    for m in _LABELLED_BARE.finditer(text):
        keep(m, m["year"], m["seq"], "cr", None, m.start("num"), m.end("num"))
    for m in _STATE_INDICTMENT.finditer(text):
        s, e = m.start("num"), m.end("num")
        if free(s, e):
            taken.append((s, e))
            found.append(CaseNumber(text[s:e], s, e))
    found.sort(key=lambda c: c.start)
    return found


def normalise(raw: str) -> str:
    """The normal form of one written case number; unrecognised text comes back cleaned, as written."""
    hits = find(raw)
    if hits:
        return hits[0].normalised
    return " ".join(raw.split())


# ------------------------------------------------------------------ the document's own number
@dataclass(frozen=True)
class Stamp:
    """A case number read from an ECF stamp."""

    number: CaseNumber  # start/end: offsets in the searched text (ordering only when location is set)
    location: tuple[int, int, int] | None  # (page, start, end) in the page's original text


@dataclass(frozen=True)
class Reading:
    """A case number the document gives as its own, and how sure."""

    number: CaseNumber
    confidence: float
    stamp: Stamp | None = None  # the ECF stamp it was read from, if any


def ecf_stamp(pages: Sequence[PageView] | None, text: str) -> Stamp | None:
    """The case number the document's ECF stamps carry most often (the first page's on ties).

    Stamps are read from each page's original text; without page views, from ``text``."""
    sources = [(p.number, p.original, p.start) for p in pages] if pages else [(None, text, 0)]
    stamps: list[Stamp] = []
    for page, original, at in sources:
        for s in stamp_case_numbers(original):
            if s.case_type not in CASE_TYPES:
                continue
            raw = original[s.start : s.end]
            if page is None:
                stamps.append(Stamp(CaseNumber(raw, s.start, s.end, s.year, s.seq, s.case_type, s.office), None))
            else:
                cn = CaseNumber(raw, at, at, s.year, s.seq, s.case_type, s.office)
                stamps.append(Stamp(cn, (page, s.start, s.end)))
    if not stamps:
        return None
    counts: dict[str, int] = {}
    for st in stamps:
        counts[st.number.normalised] = counts.get(st.number.normalised, 0) + 1
    top = max(counts.values())
    return next(st for st in stamps if counts[st.number.normalised] == top)


MAGISTRATE_TYPES = ("mj", "my", "po")  # "my": OCR's reading of "mj"


def caption_number(text: str, head: Head, p: CaptionPatterns) -> tuple[CaseNumber, float] | None:
    """The number of ``text`` most likely the document's own, scored by where and how it is written (the
    earliest on ties); the office number is added when the other writings of the same case agree on one."""
    found = find(text)
    if not found:
        return None
    scored: list[tuple[float, int, CaseNumber]] = []
    criminal = any(c.case_type == "cr" for c in found)
    for i, cn in enumerate(found):
        line_start = text.rfind("\n", 0, cn.start) + 1
        before = text[max(0, cn.start - p.case_label_window) : cn.start]
        before_line = text[max(line_start, cn.start - 120) : cn.start]
        labelled = bool(p.case_label.search(before))
        if cn.start in head:
            score = p.conf["case_labelled_head"] if labelled else p.conf["case_head"]
        else:
            score = p.conf["case_labelled_body"] if labelled else p.conf["case_body"]
        if p.case_demoted.search(before_line):
            score = min(score, p.conf["case_labelled_body"] - 0.1)
        if p.case_cited.search(before_line) and not re.search(r"\bR[Ee]\s*:", before_line):
            score = p.conf["case_cited"]
        if cn.key is None:  # a state number: found only by its label
            score -= 0.05
        if cn.case_type in MAGISTRATE_TYPES and criminal:  # a complaint's number printed on its charging document
            score -= p.conf["case_magistrate_penalty"]
        scored.append((score, -i, cn))
    score, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if best.office is None and best.key:
        offices = {c.office for c in found if c.key == best.key and c.office}
        if len(offices) == 1:
            best = best.with_office(offices.pop())
    return best, score


def read_case_numbers(text: str, pages: Sequence[PageView] | None, head: Head, p: CaptionPatterns) -> list[Reading]:
    """The caption's number and the stamps' number, each with its confidence (the stamp's depends on
    whether the caption gives a number and whether the two agree)."""
    stamp = ecf_stamp(pages, text)
    caption = caption_number(text, head, p)
    if caption is None:
        return [] if stamp is None else [Reading(stamp.number, p.conf["case_stamp"], stamp)]
    best, score = caption
    readings = [Reading(best, score)]
    if stamp is None:
        return readings
    if score < p.conf["case_head"]:  # no number in the caption: the stamp's number wins
        agrees = stamp.number.key == best.key
        confidence = p.conf["case_stamp"] + (p.conf["case_stamp_agrees"] if agrees else 0)
    elif stamp.number.key == best.key and best.office in (None, stamp.number.office):
        # the caption's own case; the stamp is the fuller number when the caption lacks the office
        bonus = p.conf["case_stamp_agrees"] if best.office is None else -p.conf["case_stamp_agrees"]
        confidence = min(0.99, score + bonus)
    else:  # another case's stamp (a filing re-filed in a related case): the caption wins
        confidence = p.conf["case_stamp_conflict"]
    return readings + [Reading(stamp.number, confidence, stamp)]
