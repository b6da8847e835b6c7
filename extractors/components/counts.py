"""Counts: one ``count`` finding per count a document charges, convicts or lists.

Runs after the statutes and defendants components and reads their findings. Count structures recognised
(patterns in ``count_patterns.json``):

* headings at the start of a line: ``COUNT ONE``, ``Count 1:``, ``COUNTS TWO THROUGH FIVE``,
  ``COUNTS 41 & 43``, ``Count 4-10 – Attempted Murder ...``; a heading must stand alone on its
  line or be followed by ``:``, ``(``, a dash or upper-case text, so a cross-reference
  wrapped onto a new line ("Count One of this Indictment is ...") is not a heading;
* ``FORFEITURE ALLEGATION`` / ``NOTICE OF FORFEITURE`` (label ``Forfeiture``);
* AO 245B judgment rows under "Title & Section ... Count" (label at the end of the row);
* PACER docket "Pending Counts" / "Terminated Counts" entries (label ``(1)``, ``(1s)``);
* plea sentences: "plead guilty to Count One of the Indictment, which charges ... in violation of".

Statutes of a count: the charged parenthetical citation closing the count when there is one
(``(Title 21, United States Code, Sections 848(a) and 848(b))``, the E.D.N.Y./S.D.N.Y. habit);
else the citations in its heading block (the heading line and the few lines
after it) when there are any, otherwise the charged citations in its text span (heading to
next heading). Those statute findings get ``attrs["count"]``. Ranges and lists of counts
("Counts Two through Five") give one finding per count, sharing statutes. Labels are deduped:
the first occurrence wins, later ones only fill in missing statutes or description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.parties import defendant_words, subject_is_someone_else
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import lowered_of, text_of

VERSION = "1"
NAME = "expediente_counts"
PATTERNS_FILE = "count_patterns.json"
_FLAGS = re.IGNORECASE | re.MULTILINE
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_WS = re.compile(r"\s+")


@Language.factory(
    NAME,
    default_config={"patterns": PATTERNS_FILE},
    requires=[family("statute"), family("defendant")],
    assigns=[family("count")],
)
def make_counts(nlp: Language, name: str, patterns: str) -> CountComponent:
    return CountComponent(name, patterns)


@dataclass
class _Candidate:
    labels: list[str]
    start: int  # evidence: the heading / row / label
    end: int
    kind: str
    statutes: list[Finding] = field(default_factory=list)
    description: str = ""


class CountComponent:
    def __init__(self, name: str, patterns: str = PATTERNS_FILE):
        self.name = name
        p = load_json(patterns)
        num = p["num"]
        self.words = p["number_words"]
        self.num_re = re.compile(rf"^{num}$", re.IGNORECASE)
        self.heading = re.compile(p["heading"].replace("{NUM}", num), _FLAGS)
        self.heading_rest_ok = re.compile(p["heading_rest_ok"])
        self.forfeiture = re.compile(p["forfeiture_heading"], re.MULTILINE)
        self.section_end = re.compile(p["section_end_heading"], _FLAGS)
        self.plea = re.compile(p["plea_to_count"].replace("{NUM}", num), _FLAGS)
        self.plea_clause = re.compile(p["plea_charge_clause"], _FLAGS)
        self.outcomes = [re.compile(rx.replace("{NUM}", num), _FLAGS) for rx in p["outcome_to_count"]]
        self.not_names = {w.casefold() for w in load_json("parties.json")["not_names"]}
        self.single_count = re.compile(p["single_count"], re.IGNORECASE)
        self.all_counts = re.compile(p["all_counts"], re.IGNORECASE)
        self.judgment_tail = re.compile(p["judgment_row_tail"], re.MULTILINE)
        self.docket_label = re.compile(p["docket_label"], re.MULTILINE)
        self.desc_skip = re.compile(p["description_skip"], re.IGNORECASE)
        self.desc_ignore = re.compile(p["description_ignore"], re.IGNORECASE)
        self.max_desc = int(p["max_description_chars"])
        self.docket_start = re.compile(p["docket_region_start"], _FLAGS)
        self.docket_end = re.compile(p["docket_region_end"], _FLAGS)
        self.judgment_start = re.compile(p["judgment_region_start"], _FLAGS)
        self.judgment_end = re.compile(p["judgment_region_end"], _FLAGS)
        self.region_max = int(p["region_max_chars"])
        self.block_lines = int(p["heading_block_lines"])
        self.block_stop = re.compile(p["heading_block_stop"], _FLAGS)
        self.closing_cue = p["closing_citation_cue"]
        self.max_span = int(p["max_count_span_chars"])
        self.confidence = p["confidence"]
        self.priority = p["priority"]
        self.split_labels = re.compile(
            r"(\s*(?:,\s*(?:and\s+)?|\band\b|&|\bthrough\b|\bthru\b|\bto\b|-|–|—)\s*)", re.IGNORECASE
        )
        tens = "|".join(w for w, n in self.words.items() if n >= 20)
        units = "|".join(w for w, n in self.words.items() if n < 10)
        self.compound = re.compile(rf"\b({tens})[\s-]+({units})\b", re.IGNORECASE)

    # --- labels ---------------------------------------------------------------------

    def _label(self, raw: str) -> str:
        raw = raw.strip()
        m = re.match(r"^(\d{1,3})([a-z]{0,4})$", raw, re.IGNORECASE)
        if m:
            return f"{int(m.group(1))}{m.group(2).lower()}"
        if re.fullmatch(r"[IVXL]+", raw):
            return str(_roman(raw))
        total = 0
        for part in re.split(r"[\s-]+", raw.lower()):
            if part not in self.words:
                return raw
            total += self.words[part]
        return str(total)

    def _labels(self, raw: str) -> list[str]:
        """'ONE THROUGH THREE' -> ['1', '2', '3']; '41 & 43' -> ['41', '43']; '1s-3s' -> ['1s', '2s', '3s']."""
        raw = self.compound.sub(lambda m: str(self.words[m.group(1).lower()] + self.words[m.group(2).lower()]), raw)
        out: list[str] = []
        pending_range = False
        for tok in self.split_labels.split(_WS.sub(" ", raw.strip())):
            if not tok:
                continue
            if self.split_labels.fullmatch(tok):
                pending_range = tok.strip().lower() in ("through", "thru", "to", "-", "–", "—")
                continue
            label = self._label(tok)
            out.extend(_expand(out[-1], label) if pending_range and out else [label])
            pending_range = False
        return list(dict.fromkeys(out))

    # --- structures -----------------------------------------------------------------

    def _regions(self, text: str, start_re: re.Pattern, end_re: re.Pattern) -> list[tuple[int, int]]:
        spans = []
        for m in start_re.finditer(text):
            e = end_re.search(text, m.end(), m.end() + self.region_max)
            spans.append((m.end(), e.start() if e else min(len(text), m.end() + self.region_max)))
        return spans

    def _headings(self, text: str) -> list[_Candidate]:
        out = []
        for m in self.heading.finditer(text):
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            rest = text[m.end() : line_end]
            if not self.heading_rest_ok.match(rest):
                continue
            kw = m.group("kw")
            labels = self._labels(m.group("labels"))
            if not labels or any(not re.match(r"^\d", x) for x in labels):
                continue
            if kw.lower() == "counts" and len(labels) == 1 and kw != "COUNTS" and not rest.strip():
                continue
            out.append(_Candidate(labels, m.start("kw"), m.end(), "heading"))
        for m in self.forfeiture.finditer(text):
            out.append(_Candidate(["Forfeiture"], m.start(), m.end(), "forfeiture"))
        return sorted(out, key=lambda c: c.start)

    def _block(self, text: str, start: int) -> tuple[int, int]:
        """The heading block: the heading line and up to N following lines, ending at a blank line."""
        pos = text.find("\n", start)
        if pos < 0:
            return start, len(text)
        pos += 1
        content = 0
        while content < self.block_lines:
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl
            if not text[pos:nl].strip():
                if content:
                    return start, pos
            elif self.block_stop.match(text, pos, nl):
                return start, pos
            else:
                content += 1
            if nl >= len(text):
                return start, len(text)
            pos = nl + 1
        return start, pos

    def _description(self, text: str, start: int, end: int, statutes: list[Finding]) -> str:
        chunk = text[start:end]
        for s in sorted(statutes, key=lambda f: -f.start):  # blank out citations
            if start <= s.start and s.end <= end:
                a, b = s.start - start, s.end - start
                chunk = chunk[:a] + "\x00" * (b - a) + chunk[b:]
        chunk = re.sub(r"(?i)\b(?:Title\s+\d+|U\.?\s?S\.?\s?C\.?|United\s+States\s+Code|§§?|Sections?)\b", " ", chunk)
        for m in re.finditer(r"\(([^()]{3,300})\)", chunk.replace("\x00", "")):
            desc = _tidy(m.group(1))
            if _is_description(desc):
                return desc[: self.max_desc]
        for line in chunk.split("\n"):
            line = re.split(r"\s{3,}", line.strip())[0].replace("\x00", "") if line.strip() else ""
            desc = _tidy(line)
            if not desc or self.desc_ignore.match(desc):
                continue
            if self.desc_skip.match(desc) or desc[0].islower():
                break
            if _is_description(desc):
                return desc[: self.max_desc]
        return ""

    def _statutes_in(self, statutes: list[Finding], a: int, b: int, charged_only: bool) -> list[Finding]:
        inside = [s for s in statutes if a <= s.start < b]
        if charged_only:
            return [s for s in inside if s.attrs.get("charged")]
        return inside

    def _from_headings(self, text: str, statutes: list[Finding]) -> list[_Candidate]:
        heads = self._headings(text)
        ends = sorted([h.start for h in heads] + [m.start() for m in self.section_end.finditer(text)] + [len(text)])
        for h in heads:
            span_end = min(next(e for e in ends if e > h.start), h.start + self.max_span)
            line_start = text.rfind("\n", 0, h.start) + 1
            b0, b1 = self._block(text, line_start)
            b1 = min(b1, span_end)
            block = self._statutes_in(statutes, b0, b1, charged_only=False)
            if h.kind == "forfeiture":
                inside = self._statutes_in(statutes, h.start, span_end, charged_only=False)
                h.statutes = [s for s in inside if s.attrs.get("category") == "forfeiture"] or inside
            elif closing := [
                s
                for s in self._statutes_in(statutes, h.start, span_end, charged_only=True)
                if s.attrs.get("cue") == self.closing_cue
            ]:
                h.statutes = closing
            elif block:
                h.statutes = block + [
                    s for s in self._statutes_in(statutes, b1, span_end, True) if s.value in {x.value for x in block}
                ]
            else:
                h.statutes = self._statutes_in(statutes, h.start, span_end, charged_only=True)
            h.description = self._description(text, h.end, b1, block) if h.kind == "heading" else ""
        return heads

    def _from_judgment(self, text: str, statutes: list[Finding]) -> list[_Candidate]:
        out = []
        for a, b in self._regions(text, self.judgment_start, self.judgment_end):
            groups: dict[int, list[Finding]] = {}
            for s in statutes:
                if a <= s.start < b:
                    groups.setdefault(s.attrs.get("citation_group", s.start), []).append(s)
            rows = sorted(groups.values(), key=lambda g: g[0].start)
            for i, row in enumerate(rows):
                r0, r1 = row[0].start, rows[i + 1][0].start if i + 1 < len(rows) else b
                cite_end = max(s.end for s in row)
                tail = None
                for m in self.judgment_tail.finditer(text, cite_end, r1):
                    if m.group("labels") and (m.start() == cite_end or _preceded_ok(text, m.start("labels"))):
                        tail = m
                if not tail:
                    continue
                labels = self._labels(tail.group("labels"))
                desc_end = tail.start("date") if tail.group("date") else tail.start("labels")
                desc = self._description(text, cite_end, desc_end, row)
                out.append(_Candidate(labels, r0, tail.end("labels"), "judgment", list(row), desc))
        return out

    def _from_docket(self, text: str, statutes: list[Finding]) -> list[_Candidate]:
        out = []
        for a, b in self._regions(text, self.docket_start, self.docket_end):
            prev = a
            for m in self.docket_label.finditer(text, a, b):
                chunk_statutes = self._statutes_in(statutes, prev, m.start(), charged_only=False)
                if chunk_statutes:
                    line_end = text.find("\n", chunk_statutes[-1].end)
                    if chunk_statutes[-1].end <= m.start() < line_end:  # the label closes the count's line
                        line_end = m.start()
                    desc = self._description(text, chunk_statutes[-1].end, line_end, chunk_statutes)
                else:
                    desc = self._description(text, prev, m.start(), [])
                labels = self._labels(m.group("labels"))
                out.append(_Candidate(labels, m.start("labels"), m.end("labels"), "docket", chunk_statutes, desc))
                prev = m.end()
        return out

    def _from_plea(
        self, text: str, statutes: list[Finding], defendants: set[str], low: str | None = None
    ) -> list[_Candidate]:
        matches = [(m, "plea") for m in casefold.finditer(self.plea, text, low)]
        matches += [(m, "outcome") for rx in self.outcomes for m in casefold.finditer(rx, text, low)]
        out = []
        for m, kind in matches:
            clause_start = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start()), m.start() - 120)
            if subject_is_someone_else(text[clause_start + 1 : m.start()], defendants, self.not_names):
                continue  # a co-defendant's or another case's plea or verdict
            stop = re.search(r"[.;]\s+[A-Z0-9]", text[m.end() : m.end() + 600])
            end = m.end() + (stop.start() if stop else 600)
            sentence = text[m.end() : end]
            clause = self.plea_clause.search(sentence)
            desc = _tidy(clause.group("desc")) if clause else ""
            found = [s for s in self._statutes_in(statutes, m.end(), end, False) if s.attrs.get("category")]
            found = [s for s in found if s.attrs.get("charged")] or found
            out.append(
                _Candidate(self._labels(m.group("labels")), m.start("labels"), m.end("labels"), kind, found, desc)
            )
        return out

    def _from_totals(self, text: str, low: str | None = None) -> list[_Candidate]:
        """'a one-count indictment' -> 1; 'pleaded guilty to each of the six counts of the indictment' -> 1..6."""
        out = [
            _Candidate(["1"], m.start(), m.end(), "count_total")
            for m in casefold.finditer(self.single_count, text, low)
        ]
        for m in casefold.finditer(self.all_counts, text, low):
            n = m.group("n").lower()
            total = int(n) if n.isdigit() else self.words.get(n, 0)
            if 1 < total <= 60:
                out.append(_Candidate([str(i) for i in range(1, total + 1)], m.start("n"), m.end("n"), "count_total"))
        return out

    # --- the component --------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        statutes = sorted(of(doc, "statute"), key=lambda f: f.start)
        candidates = (
            self._from_headings(text, statutes)
            + self._from_judgment(text, statutes)
            + self._from_docket(text, statutes)
            + self._from_plea(text, statutes, defendant_words(doc), lowered_of(doc))
            + self._from_totals(text, lowered_of(doc))
        )
        candidates.sort(key=lambda c: c.start)
        chosen: dict[str, _Candidate] = {}
        order: list[str] = []
        for cand in candidates:
            for label in cand.labels:
                have = chosen.get(label)
                if have is None:
                    chosen[label] = cand
                    order.append(label)
                elif (
                    not have.statutes
                    and cand.statutes
                    or (self.priority[cand.kind] < self.priority[have.kind] and cand.statutes)
                ):
                    if not cand.description:
                        cand.description = have.description
                    chosen[label] = cand
                elif not have.description and cand.description:
                    have.description = cand.description
        for label in sorted(order, key=_label_key):
            cand = chosen[label]
            cites = list(dict.fromkeys(s.value for s in cand.statutes))
            for s in cand.statutes:
                if s.attrs.get("count") is None:
                    s.attrs["count"] = label
                s.attrs.setdefault("counts", [])
                if label not in s.attrs["counts"]:
                    s.attrs["counts"].append(label)
            attrs = {"statutes": cites, "description": cand.description, "kind": cand.kind}
            if len(cand.labels) > 1:
                attrs["group"] = list(cand.labels)
            conf = float(self.confidence[cand.kind])
            add(doc, Finding("count", label, cand.start, cand.end, conf, self.name, VERSION, attrs))
        return doc


def _label_key(label: str) -> tuple:
    m = re.match(r"^(\d+)([a-z]*)$", label)
    return (0, len(m.group(2)), int(m.group(1))) if m else (1, 0, 0)


def _roman(raw: str) -> int:
    total = 0
    for i, ch in enumerate(raw):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(raw) and _ROMAN[raw[i + 1]] > v else v
    return total


def _expand(first: str, last: str) -> list[str]:
    a = re.match(r"^(\d+)([a-z]*)$", first)
    b = re.match(r"^(\d+)([a-z]*)$", last)
    if not a or not b or a.group(2) != b.group(2):
        return [last]
    lo, hi = int(a.group(1)), int(b.group(1))
    if not lo < hi <= lo + 200:
        return [last]
    return [f"{n}{a.group(2)}" for n in range(lo + 1, hi + 1)]


def _tidy(s: str) -> str:
    s = re.sub(r"\(\s?\w{1,4}\s?\)", " ", s)  # subsection remnants of a blanked citation
    s = _WS.sub(" ", s).strip()
    s = re.sub(r"^(?:[\W_]+|(?:and|or)\b)+", "", s, flags=re.IGNORECASE)
    return s.strip(" ,;:–—-[]()")


def _is_description(s: str) -> bool:
    letters = sum(ch.isalpha() for ch in s)
    return letters >= 6 and len(s) <= 300 and not re.match(r"^(?:and|or|&)\b", s, re.I)


def _preceded_ok(text: str, pos: int) -> bool:
    """A judgment row's count label stands apart: at line start, after a wide gap, or after the date."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return not before.strip() or before.endswith("  ") or bool(re.search(r"\d{4}\s+$", before))
