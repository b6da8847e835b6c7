"""When a case's events happened: the filing of the document, the defendant's arrest, extradition or
expulsion, guilty plea and sentencing (fields ``date_filed``, ``date_arrested``, ``date_extradited``,
``date_plea``, ``date_sentenced``).

Each rule of ``date_patterns.json`` ties a written date to its event ("was extradited from Mexico on
January 19, 2017", "Change of Plea Hearing ... held on 6/16/2020", the date above "Date of Imposition of
Judgment", a docket's "Date Filed:", the "Filed 06/27/19" of an ECF stamp). The value is the ISO date; the
evidence is the date as written. A press release's "was sentenced today" is dated by the release's own date
(the evidence is "today"; ``attrs["relative_to"]`` the release date). A plea agreement's signature date is
its plea date only by the document's type (``attrs["implied_by"]``): a person's plea date stated elsewhere
("entered a guilty plea on ...") comes before it (casedata/people.py). A date still to come ("scheduled for
sentencing on ...") is no event. A hearing's transcript whose cover names the hearing ("CHANGE OF PLEA",
"Sentencing") dates that event by the cover's date, at a lower confidence (the cover says the hearing was held,
not that the plea was taken). Who an event happened to is left to the attribution component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.chunks import is_document_head
from expediente.extractors.families import family
from expediente.extractors.fields import DOC_TYPE, iso_date
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.patterns import load_json
from expediente.extractors.rollup import IMPLIED_BY
from expediente.extractors.sentences import compile_rule, lowered_of, text_of

NAME = "expediente_dates"
VERSION = "2"
EVENTS = ("filed", "arrested", "extradited", "plea", "sentenced")
BLOCKER_REACH = 60  # characters before an event's words where "scheduled", "will be" ... mark it as to come


def _leading(pattern: str) -> bool:
    """Every match of a data-file pattern begins with its date."""
    return pattern.startswith("{date}")


def field_of(event: str) -> str:
    return f"date_{event}"


@dataclass(frozen=True)
class DateRule:
    event: str
    regex: re.Pattern[str]
    confidence: float
    doc_types: frozenset[str]
    relative: bool
    implied: bool = False  # the document's type makes the date the event's (a plea agreement's signature date)
    leading: bool = False  # every match begins with the date: tried only where a date begins


@Language.factory(
    NAME,
    default_config={"patterns": "date_patterns.json"},
    requires=[family("doc_type")],
    assigns=[family(field_of(e)) for e in EVENTS],
)
def make_dates(nlp: Language, name: str, patterns: str) -> DatesComponent:
    return DatesComponent(name, patterns)


class DatesComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        date = data["date"]
        self.date_start = compile_rule(f"(?={date})")  # where a date begins, found once for the rules led by one
        self.day_of = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? day of (\w+),? (\d{4})", re.IGNORECASE)
        self.today = compile_rule(data["today"])
        self.blockers = compile_rule(data["blockers"])
        releases = data["release_date"]
        self.releases = [(compile_rule(r.replace("{date}", date)), _leading(r)) for r in releases]

        def rules(rows: list[dict], multiline: bool = False) -> list[DateRule]:
            out = []
            for row in rows:
                for pattern in releases if row["pattern"] == "{release}" else [row["pattern"]]:
                    out.append(
                        DateRule(
                            row["event"],
                            compile_rule(pattern.replace("{date}", date), multiline=multiline),
                            float(row["confidence"]),
                            frozenset(row.get("doc_types", ())),
                            bool(row.get("relative")),
                            bool(row.get("implied")),
                            _leading(pattern),
                        )
                    )
            return out

        self.rules = rules(data["rules"])
        self.stamps = rules(data["stamp"], multiline=True)
        transcripts = data["transcripts"]
        self.transcript = compile_rule(transcripts["marker"])
        self.transcript_reach = int(transcripts["reach"])
        self.cover_date = compile_rule(transcripts["date"].replace("{date}", date))
        self.hearings = [
            DateRule(h["event"], compile_rule(h["title"]), float(h["confidence"]), frozenset(), False)
            for h in transcripts["hearings"]
        ]

    def iso(self, raw: str) -> str | None:
        m = self.day_of.fullmatch(" ".join(raw.split()))
        return iso_date(f"{m[2]} {m[1]}, {m[3]}" if m else raw)

    def __call__(self, doc: Doc) -> Doc:
        text, low = text_of(doc), lowered_of(doc)
        doc_type = next((f.value for f in sorted(of(doc, "doc_type"), key=lambda f: -f.confidence)), None)
        dates = [start for start, _ in casefold.spans(self.date_start, text, low)]
        release = next((m for r, leading in self.releases for m in self._finditer(r, leading, text, low, dates)), None)
        released = self.iso(release["date"]) if release else None
        for rule in self.rules:
            if rule.doc_types and doc_type not in rule.doc_types:
                continue
            for m in self._finditer(rule.regex, rule.leading, text, low, dates):
                if self._to_come(text, m):
                    continue
                if rule.relative:
                    today = list(self.today.finditer(text, m.start(), m.end()))
                    if released is None or not today:
                        continue
                    start, end = today[-1].span()
                    attrs = {"raw": text[start:end], "relative_to": released}
                    add(doc, self._finding(rule, released, start, end, attrs))
                    continue
                value = self.iso(m["date"])
                if value is not None:
                    add(doc, self._finding(rule, value, m.start("date"), m.end("date"), {"raw": m["date"]}))
        if is_document_head(doc):  # a later chunk of a long document has neither the filing stamp nor the cover
            self._stamps(doc)
            self._hearing(doc, text)
        return doc

    @staticmethod
    def _finditer(regex: re.Pattern[str], leading: bool, text: str, low: str | None, dates: list[int]):
        """The matches of a rule's regex; one led by the date is tried only where a date begins."""
        return casefold.finditer(regex, text, low, starts=dates if leading else None)

    def _hearing(self, doc: Doc, text: str) -> None:
        """The event a hearing's transcript records, dated by its cover ("CHANGE OF PLEA / TUESDAY, JUNE 30, 2020")."""
        cover = text[: self.transcript_reach]
        if not self.transcript.search(cover):
            return
        m = self.cover_date.search(cover)
        value = self.iso(m["date"]) if m else None
        if value is None:
            return
        for rule in self.hearings:
            if rule.regex.search(cover):
                attrs = {"raw": m["date"], "source": "cover"}
                add(doc, self._finding(rule, value, m.start("date"), m.end("date"), attrs))

    def _to_come(self, text: str, m: re.Match[str]) -> bool:
        """A scheduled event ("scheduled for sentencing on", "will be sentenced on"), not one that happened."""
        return bool(self.blockers.search(text, max(0, m.start() - BLOCKER_REACH), m.end()))

    def _stamps(self, doc: Doc) -> None:
        """The filing date of the first page's ECF stamp, read from the page's original text."""
        for page in doc._.pages or ():
            for rule in self.stamps:
                m = rule.regex.search(page.original)
                value = self.iso(m["date"]) if m else None
                if value is None:
                    continue
                finding = self._finding(rule, value, page.start, page.start, {"raw": m["date"], "source": "ecf_stamp"})
                finding.location = (page.number, m.start("date"), m.end("date"))
                add(doc, finding)
                return

    def _finding(self, rule: DateRule, value: str, start: int, end: int, attrs: dict) -> Finding:
        if rule.implied:
            attrs = {**attrs, IMPLIED_BY: DOC_TYPE}
        return Finding(field_of(rule.event), value, start, end, rule.confidence, self.name, VERSION, attrs)
