"""Document type from weighted cues: titles near the top of the first page count most.

Every document mentions other kinds of filing (a judgment names the indictment, a
sentencing memo the plea agreement, a docket everything), so a cue's weight is
multiplied by a factor that falls with its distance from the start of the text, the
first heading-like title gets a bonus, and a label's score is its best match plus a
small share of its next matches. Below ``min_score`` the document is ``other``.

The finding's attrs carry the per-label scores ({"scores": {...}}) so a trained
classifier can later be combined with these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.families import family
from expediente.extractors.fields import DOC_TYPE, registry
from expediente.extractors.findings import Finding, add
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import lowered_of, text_of

VERSION = "1"
NAME = "expediente_doctype"

# cells of a caption line: wide gaps, and the ")", "*", "|", "§" or " : " columns between parties and title
_CELL_SPLIT = re.compile(r"\s{3,}|[)*|§]\s*|\s[)*|§]|\s:(?=\s|$)|^:\s")


@Language.factory(NAME, default_config={"patterns": "doctype_patterns.json"}, assigns=[family("doc_type")])
def make_doctype(nlp: Language, name: str, patterns: str) -> DocTypeComponent:
    return DocTypeComponent(name, patterns)


@dataclass(frozen=True)
class Cue:
    label: str
    pattern: re.Pattern[str]
    weight: float
    within: int | None = None
    anywhere: bool = False  # position does not matter (a signature block at the end)


@dataclass(frozen=True)
class Hit:
    label: str
    start: int
    end: int
    score: float
    title: bool


class DocTypeComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        cfg = load_json(patterns)
        self.labels = registry()[DOC_TYPE].vocabulary
        self.title_chars: int = cfg["title_chars"]
        self.factors: list[tuple[float, float]] = [tuple(f) for f in cfg["position_factors"]]
        self.first_title_bonus: float = cfg["first_title_bonus"]
        self.shares: list[float] = cfg["extra_match_shares"]
        self.min_score: float = cfg["min_score"]
        self.refinements: dict[str, dict] = {
            k: v for k, v in cfg.get("refinements", {}).items() if not k.startswith("_")
        }
        self.titles = [Cue(t["label"], re.compile(t["pattern"]), t["weight"]) for t in cfg["titles"]]
        self.phrases = []
        for p in cfg["phrases"]:
            flags = (re.IGNORECASE if p.get("ignore_case") else 0) | (re.MULTILINE if p.get("multiline") else 0)
            self.phrases.append(
                Cue(p["label"], re.compile(p["pattern"], flags), p["weight"], p.get("within"), p.get("anywhere", False))
            )

    def factor(self, offset: int) -> float:
        for limit, f in self.factors:
            if offset < limit:
                return f
        return self.factors[-1][1]

    def hits(self, text: str, low: str | None = None) -> list[Hit]:
        """The cues found in ``text`` (``low``: its :func:`extractors.casefold.lowered_text`, when known)."""
        hits: list[Hit] = []
        first_title = True
        for start, end, squashed in _heading_cells(text, min(len(text), self.title_chars)):
            for cue in self.titles:
                if cue.pattern.search(squashed):
                    score = cue.weight * self.factor(start)
                    if first_title:
                        score *= self.first_title_bonus
                    hits.append(Hit(cue.label, start, end, score, True))
                    first_title = False
                    break
        for cue in self.phrases:
            limit = len(text) if cue.within is None else min(len(text), cue.within)
            for m in casefold.finditer(cue.pattern, text, low, 0, limit):
                factor = 1.0 if cue.anywhere else self.factor(m.start())
                hits.append(Hit(cue.label, m.start(), m.end(), cue.weight * factor, False))
        return hits

    def scores(self, text: str, low: str | None = None) -> tuple[dict[str, float], dict[str, Hit]]:
        by_label: dict[str, list[Hit]] = {}
        for h in self.hits(text, low):
            by_label.setdefault(h.label, []).append(h)
        scores = {label: 0.0 for label in self.labels}
        best: dict[str, Hit] = {}
        for label, hs in by_label.items():
            hs.sort(key=lambda h: -h.score)
            scores[label] = round(sum(h.score * s for h, s in zip(hs, self.shares, strict=False)), 3)
            best[label] = hs[0]
        for label, rule in self.refinements.items():
            base = rule["base"]
            if scores[label] >= rule["min_own"] and scores[base] > 0:
                scores[label] = round(scores[label] + scores[base], 3)
                scores[base] = round(scores[base] * rule["base_share"], 3)
        return scores, best

    def classify(self, text: str, low: str | None = None) -> tuple[str, float, dict[str, float], Hit | None]:
        scores, best = self.scores(text, low)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        (top, top_score), (_, second) = ranked[0], ranked[1]
        if top_score < self.min_score:
            conf = 0.5 + 0.4 * (1 - top_score / self.min_score) if top != "other" else 0.5
            return "other", round(min(conf, 0.9), 3), scores, best.get("other")
        margin = (top_score - second) / top_score
        strength = min(1.0, top_score / (2 * self.min_score))
        conf = 0.35 + 0.6 * margin * strength + 0.04 * strength
        return top, round(min(0.99, conf), 3), scores, best.get(top)

    def __call__(self, doc: Doc) -> Doc:
        label, conf, scores, hit = self.classify(text_of(doc), lowered_of(doc))
        start, end = (hit.start, hit.end) if hit else (0, 0)
        add(doc, Finding("doc_type", label, start, end, conf, self.name, VERSION, {"scores": scores}))
        return doc


def _heading_cells(text: str, limit: int):
    """(start, end, squashed) of heading-like cells: mostly capitals, or a short title-cased phrase."""
    pos = 0
    while pos < limit:
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        line = text[pos:line_end]
        cell_start = 0
        for m in list(_CELL_SPLIT.finditer(line)) + [None]:
            cell_end = m.start() if m else len(line)
            cell = line[cell_start:cell_end]
            if cell.strip():
                squashed = _heading(cell)
                if squashed:
                    lead = len(cell) - len(cell.lstrip())
                    yield pos + cell_start + lead, pos + cell_start + len(cell.rstrip()), squashed
            if m:
                cell_start = m.end()
        pos = line_end + 1


def _heading(cell: str) -> str | None:
    letters = [c for c in cell if c.isalpha()]
    if len(letters) < 4:
        return None
    upper = sum(1 for c in letters if c.isupper())
    words = cell.split()
    titled = 2 <= len(words) <= 7 and all(
        w[:1].isupper() or w.lower() in {"a", "an", "in", "of", "the", "for", "to", "and"}
        for w in words
        if w[:1].isalpha()
    )
    if upper / len(letters) < 0.8 and not titled:
        return None
    return "".join(c.upper() for c in letters)
