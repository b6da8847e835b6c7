"""Score extracted documents against gold labels: pure functions over plain objects.

A prediction is an export object (``casedata.export.document_object``); a gold label is an object
in the format of ``annotations/gold/FORMAT.md``. Nothing here reads files or the dataset.

How values are compared:

* single-valued fields (``doc_type``, ``court_id``, ``case_number``, ``custody``, ``plea``,
  ``sentence_months``, ``public_official``): exact accuracy (court ids and case numbers compared
  case-insensitively, without spaces);
* set fields: precision, recall and F1 micro-averaged over documents (true positives, false positives
  and misses are summed over documents before dividing), items matched one to one:

  - ``defendants``: names are folded (accents, case and punctuation removed: "José TAPIA-Medrano" ->
    "jose tapia medrano"); a predicted name matches a gold one when the folded names are equal, or
    when the tokens of one include all tokens of the other and both share the first and the last
    token ("Jose Alfredo Tapia Medrano" matches "Jose Tapia Medrano", not "Alfredo Tapia");
  - ``aliases``, ``drugs`` (drug names), ``counts`` (labels), ``benefits``: equal after folding;
  - statutes: both sides normalised with :mod:`extractors.citations`, compared at section level
    (``21 U.S.C. § 841``) and with subsections (``21 U.S.C. § 841(b)(1)(A)``);
  - violent-crime mentions and victims: a gold quote is located on its page of the document's original
    text (any of its occurrences there, each occurrence taken by one label at most); a predicted mention
    matches when it is on the same page, has the same label and covers at least ``MENTION_MIN_COVER`` of
    the quote's characters. Detection is scored as a set; over matched pairs, ``charged`` accuracy
    (violence). ``loose_recall`` says how many gold mentions any predicted
    mention touches at all (one shared character, any label): the gap to ``recall`` is span and label
    error, not detection.

* a field listed in the label's ``partial`` is scored for recall only (its extra predictions do not
  count against precision; ``emitted`` beside ``predicted`` says how many predictions that leaves
  unscored); an out-of-scope label (``in_scope: false``) scores doc_type and court_id only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from expediente.extractors.citations import find_citations, normalize
from expediente.extractors.fields import COUNTS, Field, registry

SCALAR_SCORES = ("exact", "compact", "int", "bool")
SET_SCORES = ("names", "folded", "statutes")
STATUTE_LEVELS = ("section", "subsections")  # a statutes field is scored twice, once per level
MENTION_MIN_COVER = 0.5  # share of a gold quote's characters a predicted mention must cover to match it


@dataclass(frozen=True)
class Scored:
    """One row of the report: a field, or a statutes field at one level ("statutes_section")."""

    name: str
    field: Field
    level: str | None = None

    @property
    def gold_key(self) -> str:
        return self.field.name

    @property
    def title(self) -> str:
        return f"{self.field.title} ({self.level})" if self.level else self.name


def scored() -> list[Scored]:
    """Every scored row, in registry order (the report's order)."""
    out = []
    for f in registry():
        if f.score == "statutes":
            out += [Scored(f"statutes_{level}", f, level) for level in STATUTE_LEVELS]
        else:
            out.append(Scored(f.name, f))
    return out


def report_names() -> list[str]:
    return [s.name for s in scored()]


# --- folding and equality ----------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces: 'Quiñones-BELTRÁN' -> 'quinones beltran'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).replace("_", " ").split())


def names_match(a: str, b: str) -> bool:
    """Same person: equal after folding, or one's tokens include the other's with the same first and last."""
    ta, tb = fold(a).split(), fold(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if ta[0] != tb[0] or ta[-1] != tb[-1]:
        return False
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def _compact(value) -> str:
    return re.sub(r"\s+", "", str(value)).casefold()


def same_scalar(name: str, gold, pred) -> bool:
    """Whether a predicted single value equals the gold one, by the field's ``score`` method."""
    method = registry()[name].score
    if method == "compact":
        return (gold is None and pred is None) or (
            gold is not None and pred is not None and _compact(gold) == _compact(pred)
        )
    if method == "bool":
        return bool(pred) == bool(gold)
    if method == "int":
        return (None if pred is None else int(pred)) == gold
    return gold == pred


def statute_key(raw: str, level: str) -> str:
    """Canonical citation ('21 U.S.C. § 841(a)(1)'), or its section ('21 U.S.C. § 841') at section level.

    A string that is not a U.S.C. citation keeps its folded text (so it can only match itself).
    """
    cites = find_citations(raw)
    if not cites:
        return fold(raw)
    c = cites[0]
    return normalize(c.title, c.section) if level == "section" else c.normalized


def statute_keys(raws: Sequence[str], level: str) -> list[str]:
    return list(dict.fromkeys(statute_key(r, level) for r in raws if r))


# --- matching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A one-to-one matching of gold items to predicted items (by index)."""

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]  # gold items without a predicted match
    extra: tuple[int, ...]  # predicted items without a gold match


def match_items(gold: Sequence, pred: Sequence, same: Callable[[object, object], bool]) -> Match:
    """Greedy one-to-one matching: each gold item (in order) takes the first free predicted item it equals."""
    free = list(range(len(pred)))
    pairs = []
    missed = []
    for gi, g in enumerate(gold):
        hit = next((pi for pi in free if same(g, pred[pi])), None)
        if hit is None:
            missed.append(gi)
        else:
            free.remove(hit)
            pairs.append((gi, hit))
    return Match(tuple(pairs), tuple(missed), tuple(free))


@dataclass(frozen=True)
class Span:
    page: int
    start: int
    end: int


def overlap(a: Span, b: Span) -> int:
    if a.page != b.page:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_spans(
    gold: Sequence[Span | Sequence[Span]],
    pred: Sequence[Span | None],
    compatible: Callable[[int, int], bool] | None = None,
    min_cover: float = MENTION_MIN_COVER,
) -> Match:
    """Pairs of same-page spans, one to one, largest overlap first.

    A gold item is a span, or the spans where its quote occurs on its page (a quote is not a position: a
    word said three times on a page is labelled three times, and each label may take any occurrence not
    taken by another). A pair needs the predicted span to cover at least ``min_cover`` of the gold span's
    characters (and at least one), and ``compatible(gold index, predicted index)`` where given (same label).
    """
    candidates = []
    for gi, g in enumerate(gold):
        for occurrence in (g,) if isinstance(g, Span) else g:
            need = max(1, math.ceil(min_cover * (occurrence.end - occurrence.start)))
            for pi, p in enumerate(pred):
                shared = overlap(occurrence, p) if p is not None else 0
                if shared >= need and (compatible is None or compatible(gi, pi)):
                    candidates.append((shared, gi, pi, occurrence))
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    used_occurrences: set[Span] = set()
    pairs = []
    for _, gi, pi, occurrence in candidates:
        if gi in used_g or pi in used_p or occurrence in used_occurrences:
            continue
        used_g.add(gi)
        used_p.add(pi)
        used_occurrences.add(occurrence)
        pairs.append((gi, pi))
    pairs.sort()
    missed = tuple(i for i in range(len(gold)) if i not in used_g)
    extra = tuple(i for i in range(len(pred)) if i not in used_p)
    return Match(tuple(pairs), missed, extra)


def _flexible(quote: str) -> re.Pattern:
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def locate_quote(page_text: str, quote: str) -> list[tuple[int, int]]:
    """Offsets of every occurrence of quote in the page text.

    Exact characters first; where there are none, any run of white space in the quote matches any run on
    the page, case-insensitively (a quote typed on one line may cross a line break on the page).
    """
    hits = []
    pos = page_text.find(quote)
    while pos >= 0:
        hits.append((pos, pos + len(quote)))
        pos = page_text.find(quote, pos + 1)
    if not hits and quote.strip():
        hits = [m.span() for m in _flexible(quote).finditer(page_text)]
    return hits


def gold_spans(mentions: Sequence[dict], pages: Mapping[int, str]) -> list[tuple[Span, ...]]:
    """Where each gold mention may be in the original page text: given ``start``/``end``, else every
    occurrence of its quote on its page (none where the quote is not on that page)."""
    out: list[tuple[Span, ...]] = []
    for m in mentions:
        page = m["page"]
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            out.append((Span(page, m["start"], m["end"]),))
        else:
            out.append(tuple(Span(page, *where) for where in locate_quote(pages.get(page, ""), m["text"])))
    return out


def pred_span(m: dict) -> Span | None:
    if m.get("page") is None or m.get("start") is None or m.get("end") is None:
        return None
    return Span(int(m["page"]), int(m["start"]), int(m["end"]))


# --- metrics -----------------------------------------------------------------------------


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def as_dict(self) -> dict:
        return {"accuracy": self.value, "n": self.total}


@dataclass
class PRF:
    """Micro-averaged detection counts. Recall uses every document; precision skips partial ones."""

    tp: int = 0  # matched gold items (recall numerator)
    fn: int = 0
    p_tp: int = 0  # matched predictions on documents scored for precision
    fp: int = 0
    emitted: int = 0  # every prediction, scored for precision or not
    documents: int = 0

    def add(self, match: Match, precision: bool = True) -> None:
        self.tp += len(match.pairs)
        self.fn += len(match.missed)
        self.emitted += len(match.pairs) + len(match.extra)
        self.documents += 1
        if precision:
            self.p_tp += len(match.pairs)
            self.fp += len(match.extra)

    @property
    def precision(self) -> float | None:
        return _ratio(self.p_tp, self.p_tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if r == 0 or p == 0:
            return 0.0
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n": self.tp + self.fn,
            "predicted": self.p_tp + self.fp,
            "emitted": self.emitted,
            "documents": self.documents,
        }


@dataclass
class Board:
    """Every field's running score for one system (ours, or a peer tool)."""

    scalars: dict[str, Accuracy] = field(default_factory=dict)
    sets: dict[str, PRF] = field(default_factory=dict)
    loose: dict[str, Accuracy] = field(default_factory=dict)  # gold mentions touched by any prediction
    charged: dict[str, Accuracy] = field(default_factory=dict)

    def scalar(self, name: str) -> Accuracy:
        return self.scalars.setdefault(name, Accuracy())

    def set(self, name: str) -> PRF:
        return self.sets.setdefault(name, PRF())

    def as_dict(self, names: Sequence[str] | None = None) -> dict:
        """Each scored row's numbers, in report order (``names``: rows other than the document fields')."""
        out: dict[str, dict] = {}
        for name in names or report_names():
            if name in self.scalars:
                out[name] = self.scalars[name].as_dict()
            elif name in self.sets:
                out[name] = self.sets[name].as_dict()
                if name in self.loose:
                    out[name]["loose_recall"] = self.loose[name].value
                if name in self.charged:
                    out[name]["charged_accuracy"] = self.charged[name].value
                    out[name]["charged_n"] = self.charged[name].total
        return out


# --- one document --------------------------------------------------------------------------


@dataclass
class DocumentResult:
    file: str
    misses: dict[str, list] = field(default_factory=dict)
    false_hits: dict[str, list] = field(default_factory=dict)
    wrong: dict[str, dict] = field(default_factory=dict)  # single values: {field: {gold, predicted}}
    gold_problems: list[str] = field(default_factory=list)  # quotes not found on their page

    def record(self, name: str, missed: list, extra: list) -> None:
        if missed:
            self.misses[name] = missed
        if extra:
            self.false_hits[name] = extra

    def as_dict(self) -> dict:
        out = {"file": self.file, "misses": self.misses, "false_hits": self.false_hits, "wrong": self.wrong}
        if self.gold_problems:
            out["gold_problems"] = self.gold_problems
        return out


def labelled(label: dict, key: str) -> bool:
    if key not in label:
        return False
    return label.get("in_scope", True) or (key in registry() and registry()[key].out_of_scope)


def _dedupe(items: Sequence, key: Callable) -> list:
    seen: dict = {}
    for it in items:
        k = key(it)
        if k and k not in seen:
            seen[k] = it
    return list(seen.values())


def set_items(row: Scored, obj: dict) -> list[str]:
    """The items of a set field in a gold label or prediction, as written, without duplicates.

    Statutes are normalised citations (or sections); other items are deduplicated after folding.
    """
    f = row.field
    raw = obj.get(f.name) or []
    if row.level is not None:
        return statute_keys(raw, row.level)
    if f.kind == COUNTS:
        raw = [str(c.get("count") or "") for c in raw]
    elif f.export.get("shape") == "items":
        raw = [d.get(f.export["label_key"]) or "" for d in raw]
    return _dedupe([str(x).strip() for x in raw], fold)


def set_match(row: Scored, gold: list[str], pred: list[str]) -> Match:
    """Statutes: equal normalised citations; names: :func:`names_match`; others: equal when folded."""
    if row.field.score == "statutes":
        return match_items(gold, pred, lambda a, b: a == b)
    if row.field.score == "names":
        return match_items(gold, pred, names_match)
    return match_items(gold, pred, lambda a, b: fold(a) == fold(b))


def score_set_field(board: Board, result: DocumentResult, label: dict, pred: dict, row: Scored) -> None:
    gold_items, pred_items = set_items(row, label), set_items(row, pred)
    m = set_match(row, gold_items, pred_items)
    precision = row.gold_key not in set(label.get("partial", ()))
    board.set(row.name).add(m, precision)
    result.record(row.name, [gold_items[i] for i in m.missed], [pred_items[i] for i in m.extra] if precision else [])


def score_mentions(board: Board, result: DocumentResult, label: dict, pred: dict, name: str, pages) -> None:
    gold_all = list(label.get(name) or [])
    spans = gold_spans(gold_all, pages)
    for m, s in zip(gold_all, spans, strict=True):
        if not s:
            result.gold_problems.append(f"{name}: quote {m['text']!r} not found on page {m['page']}")
    gold = [m for m, s in zip(gold_all, spans, strict=True) if s]
    gspans = [s for s in spans if s]
    preds = list(pred.get(name) or [])
    pspans = [pred_span(p) for p in preds]
    m = match_spans(gspans, pspans, lambda gi, pi: gold[gi]["label"] == preds[pi].get("label"))
    precision = name not in set(label.get("partial", ()))
    board.set(name).add(m, precision)
    touched = match_spans(gspans, pspans, min_cover=0.0)
    loose = board.loose.setdefault(name, Accuracy())
    for gi in range(len(gold)):
        loose.add(gi not in touched.missed)
    for gi, pi in m.pairs:
        g_charged, p_charged = gold[gi].get("charged"), preds[pi].get("charged")
        if name == "violent_crime_mentions" and g_charged is not None and p_charged is not None:
            board.charged.setdefault(name, Accuracy()).add(bool(g_charged) == bool(p_charged))
    keep = ("text", "label", "page", "charged")
    result.record(
        name,
        [{k: gold[i][k] for k in keep if k in gold[i]} for i in m.missed],
        [{k: preds[i].get(k) for k in (*keep, "start", "end") if k in preds[i]} for i in m.extra] if precision else [],
    )


def score_document(board: Board, label: dict, pred: dict | None, pages: Mapping[int, str]) -> DocumentResult:
    """Add one document's comparison to ``board``; return its misses and false hits.

    ``pred`` None (the document failed to extract) scores every labelled value as missed.
    ``pages`` maps page numbers to the original page text, to locate mention quotes.
    """
    pred = pred or {}
    result = DocumentResult(label["file"])
    rows = scored()
    for row in rows:
        if row.field.score not in SCALAR_SCORES or not labelled(label, row.name):
            continue
        gold_v, pred_v = label[row.name], pred.get(row.name)
        if gold_v is None and row.field.score == "bool":
            continue  # a null true/false in gold: not labelled
        ok = same_scalar(row.name, gold_v, pred_v)
        board.scalar(row.name).add(ok)
        if not ok:
            result.wrong[row.name] = {"gold": gold_v, "predicted": pred_v}
    if not label.get("in_scope", True):
        return result
    for row in rows:
        if row.field.score in SET_SCORES and labelled(label, row.gold_key):
            score_set_field(board, result, label, pred, row)
        elif row.field.score == "spans" and labelled(label, row.name):
            score_mentions(board, result, label, pred, row.name, pages)
    return result


def score_peer_statutes(board: Board, label: dict, cited: Sequence[str]) -> None:
    """A peer tool's statutes (raw or normalised citations) against the gold, at both levels."""
    rows = [r for r in scored() if r.field.score == "statutes"]
    if not label.get("in_scope", True) or not rows or rows[0].gold_key not in label:
        return
    peer = {rows[0].gold_key: list(cited)}
    for row in rows:
        m = set_match(row, set_items(row, label), set_items(row, peer))
        board.set(row.name).add(m, row.gold_key not in set(label.get("partial", ())))


ALL_CITED = "statutes_all"  # gold key: every U.S. Code section a document cites, charged or not
ALL_CITED_ROWS = tuple(f"all cited ({level})" for level in STATUTE_LEVELS)


def score_all_cited(board: Board, label: dict, cited: Sequence[str]) -> None:
    """A tool's every cited statute against the gold's ``statutes_all``, at both levels (where labelled).

    The fair comparison for a general citation finder: the charged-statute rows score only what a
    document charges, while such a tool returns every citation."""
    if ALL_CITED not in label or not label.get("in_scope", True):
        return
    for level, row in zip(STATUTE_LEVELS, ALL_CITED_ROWS, strict=True):
        m = match_items(statute_keys(label[ALL_CITED], level), statute_keys(cited, level), lambda a, b: a == b)
        board.set(row).add(m)


def score_peer_court(board: Board, label: dict, court_id: str | None) -> None:
    if labelled(label, "court_id"):
        board.scalar("court_id").add(same_scalar("court_id", label["court_id"], court_id))


REPORT_METRICS = ("accuracy", "precision", "recall", "f1", "loose_recall", "charged_accuracy")


def coverage(documents: Sequence[dict], people: Sequence[dict]) -> dict[str, dict[str, list[int]]]:
    """How many gold documents and gold defendants carry each value of every field with a vocabulary
    (custody routes, plea statuses, benefits): ``{field: {value: [documents, defendants]}}``, zeros included,
    so a value without examples shows."""
    out: dict[str, dict[str, list[int]]] = {}
    for f in registry().fields:
        if not f.vocabulary or (f.kind != "single" and f.export.get("shape") != "labels"):
            continue
        counts = {value: [0, 0] for value in f.vocabulary}
        for column, (rows, key) in enumerate(((documents, f.name), (people, f.person_key))):
            for row in rows:
                given = row.get(key)
                for value in set(given if isinstance(given, list) else [given]):
                    if value in counts:
                        counts[value][column] += 1
        out[f.name] = counts
    return out


FLOOR_METRICS = tuple(m for m in REPORT_METRICS if m != "loose_recall")  # loose recall is a diagnostic


def floors_for(fields: dict, margin: float = 0.01) -> dict:
    """Floors just under measured scores (rounded down to 2 decimals, minus ``margin``), for floors.json."""
    out: dict[str, dict[str, float]] = {}
    for name, metrics in fields.items():
        for metric in FLOOR_METRICS:
            value = metrics.get(metric)
            if value is not None:
                out.setdefault(name, {})[metric] = max(0.0, round(math.floor(value * 100 + 1e-9) / 100 - margin, 2))
    return out
