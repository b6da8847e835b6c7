"""Statute citations: one ``statute`` finding per cited United States Code section.

Citations are found by :mod:`extractors.citations` (regexes on ``doc.text``), mapped to
a category by the statute taxonomy data file, and marked ``charged`` from their
context (patterns in ``statute_context.json``):

* procedural, sentencing, definitional and forfeiture provisions are never charged;
* PACER count descriptions (``21:952``) and citations inside a judgment's
  "Title & Section" table or a docket's counts are charged (confidence 0.9);
* otherwise the last cue before the citation in its sentence decides: "in violation of",
  "charged with", "pleaded guilty to", a count label ... mark it charged (0.9-0.95);
  "see", "pursuant to", "under", "penalty", "as defined in" ... mark it not charged;
  a citation followed by "provides/requires" describes the law; one followed by a dash and
  an offense title ("18 U.S.C. § 1343 - Wire Fraud") is a charge caption;
* with no cue: not charged, confidence 0.6;
* a citation written right after another ("21 U.S.C. §§ 841 and 846, and 18 U.S.C. § 2")
  shares its decision, so aiding and abetting and 841(b) penalty subsections listed with a
  charged offense are charged too.
``attrs["count"]`` is filled in later by the counts component.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.citations import Citation, Taxonomy, find_citations
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import text_of

VERSION = "1"
NAME = "expediente_statutes"
CONTEXT_FILE = "statute_context.json"
COUNT_FILE = "count_patterns.json"

_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bNo)(?<!\bseq)(?<!\bSec)(?<!\bStat)(?<!\bId)(?<!\bid)(?<!\bv)(?<!\bcf)"
    r"[.!?;][\"”’)]?\s+(?=[A-Z(\[\"“])"
)


@Language.factory(NAME, default_config={"taxonomy": "statute_taxonomy.json"}, assigns=[family("statute")])
def make_statutes(nlp: Language, name: str, taxonomy: str) -> StatuteComponent:
    return StatuteComponent(name, taxonomy)


class _Cue:
    def __init__(self, spec: dict, num: str):
        self.name = spec["name"]
        self.charged = bool(spec["charged"])
        self.confidence = float(spec["confidence"])
        self.pattern = re.compile(spec["pattern"].replace("{NUM}", num), re.IGNORECASE | re.MULTILINE)


class StatuteComponent:
    def __init__(self, name: str, taxonomy: str = "statute_taxonomy.json", context: str = CONTEXT_FILE):
        self.name = name
        self.taxonomy = Taxonomy.load(taxonomy)
        ctx = load_json(context)
        num = load_json(COUNT_FILE)["num"]
        self.window = int(ctx["window_chars"])
        self.before = [_Cue(c, num) for c in ctx["before_cues"]]
        self.before_any = re.compile(
            "|".join(f"(?P<c{i}>{c.pattern.pattern})" for i, c in enumerate(self.before)),
            re.IGNORECASE | re.MULTILINE,
        )
        self.after = [_Cue(c, num) for c in ctx["after_cues"]]
        tables = ctx["tables"]
        self.table_start = re.compile(tables["start"], re.IGNORECASE | re.MULTILINE)
        self.table_end = re.compile(tables["end"], re.IGNORECASE | re.MULTILINE)
        self.table_max = int(tables["max_chars"])
        self.table_conf = float(tables["confidence"])
        self.docket_conf = float(ctx["docket_form_confidence"])
        self.non_charge_conf = float(ctx["non_charge_confidence"])
        self.default = ctx["default"]
        self.group_link = re.compile(ctx["group_link"], re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        cites = find_citations(text)
        if not cites:
            return doc
        tables = self._tables(text)
        decisions: dict[int, tuple[bool, float, str]] = {}
        group_ends: dict[int, int] = {}
        group_starts: dict[int, int] = {}
        for c in cites:
            group_starts.setdefault(c.group, c.group_start)
            group_ends[c.group] = max(group_ends.get(c.group, 0), c.end)
        order = sorted(group_starts, key=group_starts.get)
        prev_group = None
        for g in order:
            first = next(c for c in cites if c.group == g)
            decisions[g] = self._decide(text, first, group_ends[g], tables, decisions, prev_group, group_ends)
            prev_group = g
        for c in cites:
            info = self.taxonomy.lookup(c.title, c.section, c.subsections)
            charged, conf, why = decisions[c.group]
            if not info.charge:
                charged, conf, why = False, self.non_charge_conf, "non_charge_category"
            attrs = {
                "title": c.title,
                "section": c.section,
                "subsections": c.subsections,
                "category": info.category,
                "description": info.description,
                "group": info.group,
                "charged": charged,
                "count": None,
                "cue": why,
                "form": c.form,
                "citation_group": c.group,
            }
            add(doc, Finding("statute", c.normalized, c.start, c.end, conf, self.name, VERSION, attrs))
        return doc

    # --- context ---------------------------------------------------------------------

    def _tables(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for m in self.table_start.finditer(text):
            end_m = self.table_end.search(text, m.end(), m.end() + self.table_max)
            spans.append((m.start(), end_m.start() if end_m else min(len(text), m.end() + self.table_max)))
        return spans

    def _decide(
        self,
        text: str,
        first: Citation,
        group_end: int,
        tables: list[tuple[int, int]],
        decisions: dict,
        prev_group: int | None,
        group_ends: dict[int, int],
    ) -> tuple[bool, float, str]:
        start = first.group_start
        if first.form == "docket":
            return True, self.docket_conf, "docket_count"
        if prev_group is not None:
            gap = text[group_ends[prev_group] : start]
            if len(gap) < 40 and self.group_link.match(gap):
                return decisions[prev_group]
        after = text[group_end : group_end + 80]
        for cue in self.after:
            if cue.charged is False and cue.pattern.search(after):
                return cue.charged, cue.confidence, cue.name
        window = text[max(0, start - self.window) : start]
        cut = 0
        for m in _SENTENCE_END.finditer(window):
            cut = m.end()
        window = window[cut:]
        last = None
        for m in self.before_any.finditer(window):
            last = m
        if last is not None:
            cue = self.before[int(last.lastgroup[1:])]
            return cue.charged, cue.confidence, cue.name
        if any(a <= start < b for a, b in tables):
            return True, self.table_conf, "charge_table"
        for cue in self.after:
            if cue.charged and cue.pattern.search(after):
                return cue.charged, cue.confidence, cue.name
        return bool(self.default["charged"]), float(self.default["confidence"]), "none"
