"""The caption: court, case number, defendants and their aliases.

Findings (see extractors.findings):

- ``court``: courts-db id / {"name": full court name, "federal": bool};
- ``case_number``: normalised number (extractors.case_numbers) / {"raw": as written};
- ``defendant``: full name, title-cased / {"aliases": [...]};
- ``alias``: alias text / {"defendant": name}.

Confidence follows location: the caption block of the first page (or a docket's
header) counts most; a court or number found only deep in the body counts little,
and a case number cited from another case ("see United States v. X, No. ...") least.
The first page is the first page with text (``doc._.pages``); without page views, or
when a "page" is a whole unpaginated text, the first ``head_chars`` characters.

The case number is also read from the ECF stamps ("Case 3:17-cr-00095-JLS Document 1
Filed ...") on the pages' original text, which cleaning removed from ``doc.text``: such
a finding carries ``location`` (page, start, end in the original page). A stamp names the
case the document was filed in, which is usually but not always the case of its caption
(an order in a magistrate case filed again in the criminal case), so the caption's own
number wins when there is one; a stamp that agrees with it and adds the office number
gives the fuller number.
Defendants are read from, in order: the caption block between "v." and "Defendant(s)";
a PACER docket's "Defendant (1)" sections; AO 245B page headers ("DEFENDANT: NAME");
a press release's first paragraphs; an inline "RE: United States v. Name"; and, whatever the
caption gave, the charging language ("the defendants, A, B, and C, did knowingly ...", "Defendant
NAME was a resident of ..."), which names them when the caption pages are missing.
A surname-only defendant ("v. Parnas, et al.") takes the one fuller name the document writes for it.
Aliases are read from the caption's party column as one text (cues and quoted nicknames wrap lines),
from a docket's "also known as" lines, and from the body wherever a defendant's name (or the end of it)
is followed by an alias cue or "used the moniker(s) ..."; an alias never goes to a name that is not a
defendant's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from expediente.corpus.clean import stamp_case_numbers
from expediente.extractors import case_numbers, courts
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.patterns import load_json

VERSION = "1"
NAME = "expediente_caption"


@Language.factory(NAME, default_config={"patterns": "caption_patterns.json"})
def make_caption(nlp: Language, name: str, patterns: str) -> CaptionComponent:
    return CaptionComponent(name, patterns)


@dataclass(frozen=True)
class Head:
    """Where the first page with text lies in doc.text: the caption page."""

    start: int
    end: int

    def __contains__(self, offset: int) -> bool:
        return offset < self.end


@dataclass(frozen=True)
class Stamp:
    """A case number read from an ECF stamp."""

    number: case_numbers.CaseNumber  # start/end: offsets in doc.text (ordering only when location is set)
    location: tuple[int, int, int] | None  # (page, start, end) in the page's original text


@dataclass
class Party:
    name: str  # display form
    start: int
    end: int
    confidence: float
    aliases: list[tuple[str, int, int]] = field(default_factory=list)


def _line_spans(text: str, start: int, end: int, max_lines: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end] (the first ``max_lines``), offsets into text."""
    spans, pos = [], start
    while pos < end and (max_lines is None or len(spans) < max_lines):
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        spans.append((pos, stop))
        pos = stop + 1
    return spans


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", _strip_accents(name).lower())


class CaptionComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        cfg = load_json(patterns)
        self.cfg = cfg
        self.conf: dict[str, float] = cfg["confidence"]
        self.head_chars: int = cfg["head_chars"]
        self.caption_chars: int = cfg["caption_chars"]
        self.max_lines: int = cfg["max_caption_lines"]
        self.versus_lookahead: int = cfg["versus_lookahead_lines"]
        self.ocr_junk = re.compile(cfg["ocr_junk_before_name"])
        self.page_min_chars: int = cfg["first_page_min_chars"]
        self.page_max_chars: int = cfg["first_page_max_chars"]
        flags = re.MULTILINE
        self.court_context = re.compile(cfg["court_context"], re.IGNORECASE)
        self.case_label = re.compile(cfg["case_label"], re.IGNORECASE | flags)
        self.case_demoted = re.compile(cfg["case_demoted_label"], re.IGNORECASE)
        self.case_cited = re.compile(cfg["case_cited_before"])
        self.plaintiff = re.compile(cfg["plaintiff"])
        self.versus_line = re.compile(cfg["versus_line"])
        self.versus_inline = re.compile(cfg["versus_inline"])
        self.caption_end = re.compile(cfg["caption_end"])
        self.attorney_cue = re.compile(cfg["attorney_cue"], re.IGNORECASE)
        self.stamp_cue = re.compile(cfg["stamp_cue"], re.IGNORECASE)
        self.numbering = re.compile(cfg["numbering"])
        self.dob = re.compile(cfg["dob"], re.IGNORECASE)
        self.true_name = re.compile(cfg["true_name_unknown"], re.IGNORECASE)
        self.et_al = re.compile(cfg["et_al"], re.IGNORECASE)
        self.alias = re.compile(cfg["alias"])
        self.alias_chain = re.compile(cfg["alias_chain"])
        self.column_gap = re.compile(cfg["column_gap"])
        self.name_run = re.compile(cfg["name_run"])
        self.docket_defendant = re.compile(cfg["docket_defendant"])
        self.docket_alias = re.compile(cfg["docket_alias"], re.IGNORECASE)
        self.docket_alias_stop = re.compile(cfg["docket_alias_stop"])
        self.moniker = re.compile(cfg["moniker"])
        self.charging_list = re.compile(cfg["charging_list"])
        self.charging_name = re.compile(cfg["charging_name"])
        self.defendant_intro = re.compile(cfg["defendant_intro"])
        self.given_before = re.compile(cfg["given_names_before"] + r"$")
        self.honorifics = set(cfg["honorifics"])
        self.name_before = re.compile(cfg["name_before_alias"] + r"$")
        self.docket_section_end = re.compile(cfg["docket_section_end"], re.IGNORECASE)
        self.page_header = re.compile(cfg["page_header_defendant"])
        self.press_age = re.compile(cfg["press_age"])
        self.press_caps = re.compile(cfg["press_caps"])
        self.inline_case = re.compile(cfg["inline_case"], flags)
        self.citation_after = re.compile(cfg["citation_after"])
        self.particles = set(cfg["name_particles"])
        self.suffixes = set(cfg["name_suffixes"])
        self.stopwords = {w.upper() for w in cfg["stopwords"]}

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read it once
        head = self.head(doc, text)
        doc_type = self._doc_type(doc)
        self._court(doc, text, head)
        self._case_number(doc, text, head)
        self._parties(doc, text, doc_type, head)
        return doc

    def head(self, doc: Doc, text: str) -> Head:
        """The first page with text; the first ``head_chars`` characters when pages are unknown."""
        fallback = Head(0, min(len(text), self.head_chars))
        for page in doc._.pages or []:
            if len(text[page.start : page.end].strip()) < self.page_min_chars:
                continue
            if page.end - page.start > self.page_max_chars:  # an unpaginated text, not a page
                return Head(page.start, min(len(text), page.start + self.head_chars))
            return Head(page.start, page.end)
        return fallback

    @staticmethod
    def _doc_type(doc: Doc) -> str | None:
        found = sorted(of(doc, "doc_type"), key=lambda f: -f.confidence)
        return found[0].value if found else None

    def _finding(self, field_name, value, start, end, confidence, attrs) -> Finding:
        return Finding(field_name, value, start, end, round(confidence, 3), self.name, VERSION, attrs)

    # ------------------------------------------------------------------ court
    def _court(self, doc: Doc, text: str, head: Head) -> None:
        best: tuple[float, courts.CourtMatch] | None = None
        state = courts.find_state_court(text[: head.end])
        matches = courts.find_districts(text[: head.end])
        if not matches and not state:  # the body is searched only when the caption page names no court
            matches = courts.find_districts(text)
        for match in matches:
            if match.start in head:
                before = text[max(0, match.start - 160) : match.start]
                caption = self.court_context.search(before) or self.court_context.search(
                    text[match.end : match.end + 40]
                )
                score = self.conf["court_caption"] if caption else self.conf["court_head"]
            else:
                score = self.conf["court_body"]
            if best is None or score > best[0]:
                best = (score, match)
        if state and (best is None or best[0] < self.conf["court_caption"] or state.start < best[1].start):
            attrs = {"name": state.name, "federal": False}
            add(doc, self._finding("court", state.id, state.start, state.end, self.conf["state_court"], attrs))
            return
        if best:
            score, m = best
            add(doc, self._finding("court", m.id, m.start, m.end, score, {"name": m.name, "federal": True}))

    # ------------------------------------------------------------ case number
    def _case_number(self, doc: Doc, text: str, head: Head) -> None:
        stamp = self._stamp(doc, text)
        found = case_numbers.find(text)
        if not found:
            if stamp:
                self._emit_stamp(doc, stamp, self.conf["case_stamp"])
            return
        window = self.cfg["case_label_window"]
        scored: list[tuple[float, int, case_numbers.CaseNumber]] = []
        for i, cn in enumerate(found):
            line_start = text.rfind("\n", 0, cn.start) + 1
            before = text[max(0, cn.start - window) : cn.start]
            before_line = text[max(line_start, cn.start - 120) : cn.start]
            labelled = bool(self.case_label.search(before))
            in_head = cn.start in head
            if in_head:
                score = self.conf["case_labelled_head"] if labelled else self.conf["case_head"]
            else:
                score = self.conf["case_labelled_body"] if labelled else self.conf["case_body"]
            if self.case_demoted.search(before_line):
                score = min(score, self.conf["case_labelled_body"] - 0.1)
            if self.case_cited.search(before_line) and not re.search(r"\bR[Ee]\s*:", before_line):
                score = self.conf["case_cited"]
            if cn.key is None:  # a state number: found only by its label
                score -= 0.05
            scored.append((score, -i, cn))
        score, _, best = max(scored, key=lambda t: (t[0], t[1]))
        if best.office is None and best.key:
            offices = {c.office for c in found if c.key == best.key and c.office}
            if len(offices) == 1:
                best = best.with_office(offices.pop())
        attrs = {"raw": best.raw}
        add(doc, self._finding("case_number", best.normalised, best.start, best.end, score, attrs))
        if stamp is None:
            return
        if score < self.conf["case_head"]:  # no number in the caption: the stamp's number wins
            agrees = stamp.number.key == best.key
            self._emit_stamp(doc, stamp, self.conf["case_stamp"] + (self.conf["case_stamp_agrees"] if agrees else 0))
        elif stamp.number.key == best.key and best.office in (None, stamp.number.office):
            # the caption's own case; the stamp is the fuller number when the caption lacks the office
            bonus = self.conf["case_stamp_agrees"] if best.office is None else -self.conf["case_stamp_agrees"]
            self._emit_stamp(doc, stamp, min(0.99, score + bonus))
        else:  # another case's stamp (a filing re-filed in a related case): the caption wins
            self._emit_stamp(doc, stamp, self.conf["case_stamp_conflict"])

    def _stamp(self, doc: Doc, text: str) -> Stamp | None:
        """The case number the document's ECF stamps carry most often (the first page's on ties)."""
        pages = doc._.pages
        sources = [(p.number, p.original, p.start) for p in pages] if pages else [(None, text, 0)]
        stamps: list[Stamp] = []
        for page, original, at in sources:
            for s in stamp_case_numbers(original):
                if s.case_type not in case_numbers.CASE_TYPES:
                    continue
                raw = original[s.start : s.end]
                if page is None:
                    cn = case_numbers.CaseNumber(raw, s.start, s.end, s.year, s.seq, s.case_type, s.office)
                    stamps.append(Stamp(cn, None))
                else:
                    cn = case_numbers.CaseNumber(raw, at, at, s.year, s.seq, s.case_type, s.office)
                    stamps.append(Stamp(cn, (page, s.start, s.end)))
        if not stamps:
            return None
        counts: dict[str, int] = {}
        for st in stamps:
            counts[st.number.normalised] = counts.get(st.number.normalised, 0) + 1
        top = max(counts.values())
        return next(st for st in stamps if counts[st.number.normalised] == top)

    def _emit_stamp(self, doc: Doc, stamp: Stamp, confidence: float) -> None:
        cn = stamp.number
        attrs = {"raw": cn.raw, "source": "ecf_stamp"}
        finding = self._finding("case_number", cn.normalised, cn.start, cn.end, confidence, attrs)
        finding.location = stamp.location
        add(doc, finding)

    # --------------------------------------------------------------- parties
    def _parties(self, doc: Doc, text: str, doc_type: str | None, head: Head) -> None:
        parties: list[Party] = []
        opening = min(len(text), head.start + self.head_chars)  # the first paragraphs, however paginated
        if doc_type == "docket" or re.search(r"CRIMINAL\s+DOCKET\s+FOR\s+CASE", text[:opening]):
            parties += self._docket_parties(text)
        if not parties:
            parties += self._caption_parties(text, head)
        parties += self._page_header_parties(text)
        is_press = doc_type == "press_release" or re.search(
            r"PRESS\s+RELEASE|For\s+Immediate\s+Release", text[:opening], re.IGNORECASE
        )
        if is_press and not parties:
            parties += self._press_parties(text, opening)
        if not parties:
            parties += self._inline_parties(text, opening)
        parties = self._merge(parties + self._body_parties(text))
        self._expand_surnames(text, parties)
        parties = self._merge(parties)
        self._body_aliases(text, parties)
        self._emit(doc, parties)

    @staticmethod
    def _merge(parties: list[Party]) -> list[Party]:
        """One party per person: the first reading kept, later readings' aliases added to it."""
        kept: list[Party] = []
        for p in parties:
            key = name_key(p.name)
            if not key:
                continue
            dup = next((k for k in kept if name_key(k.name) == key), None)
            if dup is None:
                tokens = set(name_key(t) for t in p.name.split())
                dup = next((k for k in kept if tokens and tokens <= {name_key(t) for t in k.name.split()}), None)
            if dup is not None:
                seen = {name_key(a[0]) for a in dup.aliases}
                dup.aliases += [a for a in p.aliases if name_key(a[0]) not in seen]
                continue
            kept.append(p)
        return kept

    def _emit(self, doc: Doc, parties: list[Party]) -> None:
        for p in parties:
            aliases = []
            for alias, _, _ in p.aliases:
                if name_key(alias) and name_key(alias) not in {name_key(a) for a in aliases}:
                    aliases.append(alias)
            add(doc, self._finding("defendant", p.name, p.start, p.end, p.confidence, {"aliases": aliases}))
            seen: set[str] = set()
            for alias, s, e in p.aliases:
                if name_key(alias) in seen:
                    continue
                seen.add(name_key(alias))
                add(doc, self._finding("alias", alias, s, e, p.confidence, {"defendant": p.name}))

    # names -----------------------------------------------------------------
    def display_name(self, raw: str) -> str:
        """Title-case a name written in capitals; keep mixed-case tokens as written."""
        out = []
        raw = re.sub(r",\s*(?=(?:JR|SR|Jr|Sr|II|III|IV)\.?$)", " ", raw)
        raw = re.sub(r"(?<=[A-Za-zÀ-ÿ])- (?=[A-ZÀ-Þ])", "-", raw)  # OCR's space after a surname's hyphen
        for i, tok in enumerate(raw.split()):
            if tok.upper().strip(".,") in {"II", "III", "IV"}:
                out.append(tok.upper())
            elif i > 0 and tok.lower() in self.particles:
                out.append(tok.lower())
            elif tok.isupper() and len(tok) > 1 or (tok.isupper() and tok.isalpha() is False):
                out.append(_title_token(tok))
            else:
                out.append(tok)
        return " ".join(out)

    def valid_name(self, raw: str, *, caps_required: bool, min_tokens: int = 2) -> bool:
        tokens = raw.split()
        if not (min_tokens <= len(tokens) <= 8):
            return False
        if any(re.search(r"\d|§|/|@", t) for t in tokens):
            return False
        if any(t.upper().strip(",.:;") in self.stopwords for t in tokens if t.upper() not in self.suffixes):
            return False
        words = [t for t in tokens if len(re.sub(r"[^\w]", "", t)) >= 2]
        if len(words) < min_tokens:
            return False
        has_caps = any(t.isupper() and len(re.sub(r"\W", "", t)) >= 2 for t in tokens)
        return has_caps or not caps_required

    def _name_at(self, text: str, pos: int, end: int) -> tuple[str, int, int] | None:
        """The name run starting at text[pos] (single spaces between tokens), trimmed."""
        m = self.name_run.match(text, pos, end)
        if not m:
            return None
        raw = m["name"].rstrip(" ,.;")
        if raw.endswith(("Jr", "JR", "Sr", "SR")) and text[m.start() + len(raw) : m.start() + len(raw) + 1] == ".":
            raw += "."
        # a trailing lone particle or a trailing all-lowercase token is not part of the name
        while raw and raw.split()[-1].lower() in self.particles:
            raw = raw[: raw.rfind(" ")] if " " in raw else ""
        if not raw:
            return None
        end_at = m.start() + len(raw)
        suffix = re.match(r",?\s?(?:JR|SR|Jr|Sr)\.?(?![\w])|,?\s?(?:II|III|IV)(?![\w])", text[end_at:end])
        if suffix and raw.split()[-1].upper().strip(".") not in {"JR", "SR", "II", "III", "IV"}:
            raw = raw + suffix.group(0)
            end_at += len(suffix.group(0))
        return raw, m.start(), end_at

    def _aliases_in(self, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
        out = []
        for m in self.alias.finditer(text, start, end):
            group = "quoted" if m["quoted"] else "bare"
            raw = (m[group] or "").rstrip(" ,;.")
            if group == "bare" and self._bare_alias_rejected(raw):
                continue
            alias = " ".join(raw.split())
            if not alias:
                continue
            s = m.start(group)
            out.append((alias if group == "quoted" else self.display_name(alias), s, s + len(raw)))
            if group == "quoted":  # 'also known as "El Gallo," "Don Tacho" and "El Señor"'
                out += self._quoted_run(text, m.end(), end)
        return out

    def _bare_alias_rejected(self, raw: str) -> bool:
        """A bare (unquoted) word after a cue that is not an alias: a stopword, a lone particle or a title."""
        tokens = raw.split()
        return not tokens or any(t.upper().strip(",.:;") in self.stopwords for t in tokens)

    def _quoted_run(self, text: str, pos: int, end: int) -> list[tuple[str, int, int]]:
        """Quoted aliases listed one after another from ``pos`` (no cue of their own)."""
        out = []
        while m := self.alias_chain.match(text, pos, end):
            raw = m["quoted"].rstrip(" ,;.")
            alias = " ".join(raw.split())
            if alias:
                out.append((alias, m.start("quoted"), m.start("quoted") + len(raw)))
            pos = m.end()
        return out

    # caption block ---------------------------------------------------------
    def _caption_parties(self, text: str, head: Head) -> list[Party]:
        limit = min(len(text), head.start + self.caption_chars)
        search_end = min(limit, max(head.end, head.start + self.head_chars) + 2000)
        for pm in self.plaintiff.finditer(text, 0, search_end):
            parties = self._block_after(text, pm, limit)
            if parties:
                return parties
        return []

    def _block_after(self, text: str, pm: re.Match[str], limit: int) -> list[Party]:
        caps_required = pm.group(0).isupper()
        line_end = text.find("\n", pm.end())
        line_end = limit if line_end == -1 else line_end
        start_at: int | None = None
        inline = self.versus_inline.match(text, pm.end(), line_end)
        if inline:
            start_at = inline.end()
        else:
            spans = _line_spans(text, line_end + 1, limit, self.versus_lookahead)
            for s, e in spans:
                lead = len(re.match(r"[\s|]*", text[s:e]).group(0))  # OCR reads a table's border as "|"
                body = text[s + lead : e].rstrip()
                m = self.versus_line.match(body)
                if m:
                    start_at = s + lead + m.end()
                    break
                # right-column text (case number, title) may sit beside the plaintiff lines; a long
                # line of anything else means this was not a caption
                plaintiff_line = re.match(r"^(?:\d{1,2}\s*)?(?:Plaintiffs?|PLAINTIFFS?|[)*:,\s]*$)", body)
                if body and not plaintiff_line and len(body) > 90:
                    return []
        if start_at is None:
            return []
        return self._read_block(text, start_at, limit, caps_required)

    def _read_block(self, text: str, start_at: int, limit: int, caps_required: bool) -> list[Party]:
        parties: list[Party] = []
        spans = self._party_column(text, start_at, limit)
        aliases = self._column_aliases(text, spans)
        alias_spans = [(a_s, a_e) for _, a_s, a_e in aliases]
        skipping_stamp = False
        stop = spans[-1][1] if spans else start_at
        conf = self.conf["defendant_caption"]
        for n, (s, e) in enumerate(spans):
            line = text[s:e]
            body = line.strip()
            if not body:
                skipping_stamp = False
                continue
            lead = s + len(line) - len(line.lstrip())
            if (n > 0 or start_at == s) and self.caption_end.match(re.sub(r"^\d{1,2}\s+", "", body)):
                stop = s
                break
            if self.stamp_cue.match(body):
                skipping_stamp = True
                continue
            if skipping_stamp:
                continue
            if _is_prose(body) and parties:
                stop = s
                break
            pos = lead
            m = re.match(r"\d{1,2}\s+(?=\S)", text[pos:e])  # pleading line number left in the text
            if m and n > 0:
                pos += m.end()
            num = self.numbering.match(text, pos, e)
            if num:
                pos = num.end()
            junk = self.ocr_junk.match(text, pos, e)
            if junk:
                pos = junk.end()
            if self.alias.match(text, pos, e) or any(a_s <= pos < a_e for a_s, a_e in alias_spans):
                continue  # the line continues the last defendant's aliases
            cue_later = self.alias.search(text, pos, e)
            name = self._name_at(text, pos, cue_later.start() if cue_later else e)
            if name and not any(a_s <= name[1] < a_e for a_s, a_e in alias_spans):
                raw, ns, ne = name
                raw = self.et_al.sub("", raw).strip()
                # a name wrapped onto the next line: "JOAQUIN ARCHIVALDO GUZMAN\nLOERA, a/k/a ..."
                after = text[ne:e]
                if not after.strip() and n + 1 < len(spans):
                    ns2, ne2 = spans[n + 1]
                    nxt = self._name_at(text, ns2 + len(text[ns2:ne2]) - len(text[ns2:ne2].lstrip()), ne2)
                    if nxt and len(nxt[0].split()) == 1 and text[nxt[2] : nxt[2] + 1] == ",":
                        raw, ne = f"{raw} {nxt[0]}", nxt[2]
                if self.valid_name(raw, caps_required=caps_required) and not self._attorney_next(text, ne):
                    parties.append(Party(self.display_name(raw), ns, ne, conf))
        for alias in aliases:  # each alias belongs to the defendant named last before it
            owner = next((p for p in reversed(parties) if p.start <= alias[1]), None)
            if owner is not None and alias[1] < stop:
                owner.aliases.append(alias)
        return parties

    def _party_column(self, text: str, start_at: int, limit: int) -> list[tuple[int, int]]:
        """(start, end) of each caption line's party column: the case number or title beside it cut off."""
        out = []
        for n, (s, e) in enumerate(_line_spans(text, start_at, limit, self.max_lines)):
            line = text[s:e]
            if n == 0 and s > 0 and text[s - 1] != "\n" and re.match(r"[ \t]{3,}", line):
                out.append((s, s))  # the rest of the "v." line is the right column ("v.      PLEA AGREEMENT")
                continue
            indent = len(line) - len(line.lstrip())
            column = self.column_gap.search(text, s + indent + 1, e)
            out.append((s, column.start() if column else e))
        return out

    def _column_aliases(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        """Aliases in the party column read as one text, so a cue or a quoted nickname may wrap a line."""
        if not spans:
            return []
        pieces, starts, at = [], [], 0
        for s, e in spans:
            starts.append((at, s))
            pieces.append(text[s:e])
            at += e - s + 1
        column = "\n".join(pieces)

        def back(pos: int) -> int:
            i = bisect_right([c for c, _ in starts], pos) - 1
            c, s = starts[i]
            return s + (pos - c)

        return [(alias, back(a_s), back(a_e - 1) + 1) for alias, a_s, a_e in self._aliases_in(column, 0, len(column))]

    def _attorney_next(self, text: str, end: int) -> bool:
        """The name is followed (same or next line) by an attorney label: counsel, not a party."""
        nxt = text[end : end + 160]
        lines = [ln.strip(" )*") for ln in nxt.split("\n")[:3] if ln.strip(" )*")]
        return any(self.attorney_cue.match(ln) for ln in lines[:2]) or bool(
            re.match(r"\s*,?\s*(?:Esq|Attorney|Counsel)", nxt)
        )

    # dockets -----------------------------------------------------------------
    def _docket_parties(self, text: str) -> list[Party]:
        parties = []
        for m in self.docket_defendant.finditer(text):
            raw = " ".join(m["name"].split())
            raw = re.split(r"\s+represented\s+by\b|\s+TERMINATED\b", raw)[0].strip(" ,")
            if not self.valid_name(raw, caps_required=False):
                continue
            section_end = self.docket_section_end.search(text, m.end("name"))
            stop = section_end.start() if section_end else min(len(text), m.end() + 600)
            aliases = []
            for am in self.docket_alias.finditer(text, m.end("name"), stop):
                aliases += self._docket_alias_lines(text, am.start("alias"), stop)
            s = m.start("name")
            parties.append(Party(self.display_name(raw), s, s + len(m["name"]), self.conf["defendant_docket"], aliases))
        return parties

    def _docket_alias_lines(self, text: str, pos: int, stop: int) -> list[tuple[str, int, int]]:
        """The alias after "also known as" and any further aliases listed one per line below it."""
        out = []
        for s, e in _line_spans(text, pos, stop, 12):
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            cell = re.split(r"[ \t]{3,}|\s+represented\s+by\b", text[s + lead : e])[0].rstrip()
            if not cell or self.docket_alias_stop.match(cell) or not re.match(r"[\"“A-ZÀ-Þ]", cell):
                break
            if out and not self.valid_name(cell.strip('"“”'), caps_required=False, min_tokens=1):
                break
            out.append((" ".join(cell.strip('"“”').split()), s + lead, s + lead + len(cell)))
        return out

    def _page_header_parties(self, text: str) -> list[Party]:
        out = []
        for m in self.page_header.finditer(text):
            raw = m["name"].strip()
            if self.valid_name(raw, caps_required=True):
                out.append(
                    Party(
                        self.display_name(raw),
                        m.start("name"),
                        m.start("name") + len(raw),
                        self.conf["defendant_page_header"],
                    )
                )
        return out

    # press releases ----------------------------------------------------------
    def _press_parties(self, text: str, region_end: int) -> list[Party]:
        conf = self.conf["defendant_press"]
        out: list[Party] = []
        for m in self.press_age.finditer(text, 0, region_end):
            raw = m["name"]
            if self.valid_name(raw, caps_required=False):
                out.append(Party(self.display_name(raw), m.start("name"), m.end("name"), conf))
        for m in self.press_caps.finditer(text, 0, region_end):
            raw = " ".join(m["name"].split()).rstrip(",.")
            if not self.valid_name(raw, caps_required=True):
                continue
            if sum(1 for t in raw.split() if t.isupper()) < 2:
                continue
            # aliases follow until the next capitalised name
            nxt = self.press_caps.search(text, m.end("name") + 1, region_end)
            stop = nxt.start() if nxt else min(region_end, m.end() + 200)
            aliases = self._aliases_in(text, m.end("name"), stop)
            out.append(
                Party(
                    self.display_name(raw),
                    m.start("name"),
                    m.start("name") + len(m["name"].rstrip(",.")),
                    conf,
                    aliases,
                )
            )
        return out

    # the body ------------------------------------------------------------------
    def _body_parties(self, text: str) -> list[Party]:
        """Defendants the charging language names: "the defendants, A, B, and C, did knowingly ..." and
        "Defendant NAME was a resident of ..." (a caption may be missing or unreadable)."""
        out: list[Party] = []
        for m in self.charging_list.finditer(text):
            for nm in self.charging_name.finditer(text, m.start("names"), m.end("names")):
                raw = nm.group(0).rstrip(" ,.")
                if self.valid_name(raw, caps_required=True):
                    out.append(
                        Party(
                            self.display_name(raw), nm.start(), nm.start() + len(raw), self.conf["defendant_charging"]
                        )
                    )
        for m in self.defendant_intro.finditer(text):
            raw = m["name"].rstrip(" ,.")
            if self.valid_name(raw, caps_required=True):
                s = m.start("name")
                out.append(Party(self.display_name(raw), s, s + len(raw), self.conf["defendant_intro"]))
        return out

    def _owner(self, parties: list[Party], raw: str) -> Party | None:
        """The defendant a name written in the body refers to: the full name, or the end of it ("YOUNG",
        "KELLY MEGGS", "Alcántar-Valdez") when only one defendant's name ends that way."""
        tokens = re.split(r"(?<=\w\w[.!?;:])\s+", raw)[-1].split()  # the sentence the name ends
        while tokens and (tokens[0].strip(".,") in self.honorifics or tokens[0].upper() in self.stopwords):
            tokens = tokens[1:]  # "Defendant", "Mr.", "On", "The"
        if not tokens or not name_key(" ".join(tokens)):
            return None
        hits = [p for p in parties if _ends_with_tokens(p.name, tokens)]
        return hits[0] if len(hits) == 1 else None

    def _body_aliases(self, text: str, parties: list[Party]) -> None:
        """Aliases written after a defendant's name anywhere in the document ("NAME, also known as "X"")
        and an introduction's "NAME used the moniker(s) "X" and "Y"."""
        if not parties:
            return
        for m in self.alias.finditer(text):
            before = text[max(0, m.start() - 90) : m.start()]
            nm = self.name_before.search(before)
            owner = self._owner(parties, nm["name"]) if nm else None
            if owner is not None:
                owner.aliases += self._aliases_in(text, m.start(), min(len(text), m.end() + 200))[:1]
                if m["quoted"]:
                    owner.aliases += self._quoted_run(text, m.end(), min(len(text), m.end() + 200))
        for m in self.moniker.finditer(text):
            owner = self._owner(parties, m["who"])
            if owner is not None:
                owner.aliases += self._quoted_run(text, m.end(), m.end() + 200)

    def _expand_surnames(self, text: str, parties: list[Party]) -> None:
        """A defendant known only by a surname ("United States v. Parnas, et al.") takes the fuller name
        the document writes for that surname ("Lev Parnas") when it writes one and only one."""
        for p in parties:
            if len(p.name.split()) != 1:
                continue
            found: dict[str, tuple[int, int]] = {}
            for m in re.finditer(rf"(?<![\w-]){re.escape(p.name)}(?![\w-])", text, re.IGNORECASE):
                g = self.given_before.search(text, max(0, m.start() - 40), m.start())
                if not g:
                    continue
                given = [t for t in g["given"].split() if t.strip(".") not in self.honorifics]
                if not given or g["given"].split()[0].strip(".") in self.honorifics:
                    continue
                full = " ".join(given + [text[m.start() : m.end()]])
                found.setdefault(self.display_name(full), (g.start(), m.end()))
            if len(found) == 1:
                ((full, (s, e)),) = found.items()
                p.name, p.start, p.end = full, s, e
                p.confidence = max(p.confidence, self.conf["defendant_surname_expanded"])

    # inline "United States v. Name" ---------------------------------------------
    def _inline_parties(self, text: str, region_end: int) -> list[Party]:
        for m in self.inline_case.finditer(text, 0, region_end):
            if self.citation_after.match(text, m.end("name")):
                continue
            raw = self.et_al.sub("", m["name"]).strip(" ,.")
            caps = raw.isupper()
            if self.valid_name(raw, caps_required=caps):
                return [
                    Party(
                        self.display_name(raw),
                        m.start("name"),
                        m.start("name") + len(raw),
                        self.conf["defendant_inline"],
                    )
                ]
            if self.valid_name(raw, caps_required=caps, min_tokens=1) and len(raw.split()) == 1:
                return [
                    Party(
                        self.display_name(raw),
                        m.start("name"),
                        m.start("name") + len(raw),
                        self.conf["defendant_surname_only"],
                    )
                ]
        return []


def _title_token(tok: str) -> str:
    """PEREZ-LOPEZ -> Perez-Lopez, O'DELL -> O'Dell, MCDONALD -> McDonald, L. -> L."""

    def cap(part: str) -> str:
        if not part:
            return part
        low = part.lower()
        if low.startswith("mc") and len(low) > 3:
            return "Mc" + low[2].upper() + low[3:]
        return low[0].upper() + low[1:]

    out = re.split(r"([-'’])", tok)
    return "".join(cap(p) if p not in "-'’" else p for p in out)


def _ends_with_tokens(name: str, tokens: list[str]) -> bool:
    """The name's last tokens are ``tokens`` (compared without accents, case or punctuation)."""
    mine = [name_key(t) for t in name.split()]
    want = [name_key(t) for t in tokens]
    return len(want) <= len(mine) and mine[-len(want) :] == want


def _is_prose(line: str) -> bool:
    words = line.split()
    if len(words) < 8:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= len(words) / 2
