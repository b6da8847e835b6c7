"""Training examples for the classifiers, from gold labels and from what the rules are sure of.

Documents come from *sources*: a gold location (a folder of per-document ``.json`` files, or a
``.jsonl`` file) and the folder holding the documents. Every readable document in the folder is
used: with its gold labels when a gold row names it (and its SHA-256 matches), otherwise with the
labels the rule components give it at high confidence. Every example carries its document's
*group* (the file name without ``.scanned`` and extension, so a scan and its born-digital twin are
one group): cross-validation splits by group, never inside one.
"""

from __future__ import annotations

import bisect
import json
import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from expediente.annotations.gold import (
    LOCKBOX_MARKER,
    LockboxError,
    iter_label_files,
    read_label_file,
    sealed,
    validate,
)
from expediente.corpus.discover import discover, inspect
from expediente.corpus.document import Document
from expediente.corpus.errors import UnreadableDocument
from expediente.corpus.locations import checkout, realdocs_dir
from expediente.corpus.reader import read_document
from expediente.extractors.classify_features import (
    NO_VIOLENCE,
    VIOLENCE_FIELD,
    doctype_input,
    page_windows,
    settings,
    violence_input,
    vocabulary_spans,
)
from expediente.extractors.components.doctype import DocTypeComponent
from expediente.extractors.components.violence import ViolenceComponent
from expediente.extractors.findings import Finding, findings
from expediente.extractors.sentences import Window, split
from expediente.extractors.text import DocText

log = logging.getLogger(__name__)

SKIPPED_SUFFIXES = {".md", ".json", ".jsonl", ".py", ".pyc"}


@dataclass(frozen=True)
class Source:
    gold: Path  # folder of .json files, or one .jsonl file
    docs: Path | None  # folder holding the documents; None: only each label's document, at its ``source`` path


def gold_sources(folders: Iterable[str | Path]) -> list[Source]:
    """Extra gold folders (``train --gold``, e.g. gold exported from the review) whose labels name their
    documents by absolute ``source`` path: only the labelled documents are read, wherever they are."""
    return [Source(Path(folder), None) for folder in folders]


def default_sources() -> list[Source]:
    return [
        Source(checkout("annotations", "gold", "realdocs"), realdocs_dir()),
        Source(checkout("corpus", "sample", "truth.jsonl"), checkout("corpus", "sample", "docs")),
    ]


@dataclass
class LabelledDoc:
    name: str
    sha256: str
    group: str
    text: str
    page_bounds: list[tuple[int, int]]  # (start, end) of each page in text
    page_numbers: list[int]
    gold: dict | None
    rule_doctype: tuple[str, float]
    rule_violence: list[Finding] = field(default_factory=list)

    @property
    def page_ends(self) -> list[int]:
        return [e for _, e in self.page_bounds]

    @property
    def in_scope(self) -> bool:
        return self.gold is None or self.gold.get("in_scope", True) is not False

    def gold_partial(self, key: str) -> bool:
        return bool(self.gold) and key in (self.gold.get("partial") or [])


def group_of(name: str) -> str:
    stem = name.removesuffix(".json")
    stem = re.sub(r"\.(?:pdf|txt|html?|png|jpe?g|tiff?)$", "", stem, flags=re.IGNORECASE)
    return stem.removesuffix(".scanned")


# ---- gold ---------------------------------------------------------------------------------------


def load_gold(path: Path) -> dict[str, dict]:
    """Gold rows keyed by file name, from a folder of .json files or a .jsonl file, validated by annotations.gold."""
    rows: dict[str, dict] = {}
    for label_file in iter_label_files([path]):
        if sealed(label_file):
            raise LockboxError(f"{label_file} is lockbox gold ({LOCKBOX_MARKER}): it measures, it never trains")
        for label, origin in read_label_file(label_file):
            validate(label, origin)
            rows[label["file"]] = label
    return rows


# ---- documents ----------------------------------------------------------------------------------


class RuleLabeller:
    """The rule components, run once per document to label what the gold does not."""

    def __init__(self):
        self.doctype = DocTypeComponent("expediente_doctype", "doctype_patterns.json")
        self.violence = ViolenceComponent("expediente_violence", "violence_patterns.json")
        self.nlp = spacy.blank("en")

    def doc_type(self, text: str) -> tuple[str, float]:
        label, conf, _, _ = self.doctype.classify(text)
        return label, conf

    def violence_findings(self, text: str) -> list[Finding]:
        doc = self.violence(self.nlp.make_doc(text))
        return [f for f in findings(doc) if f.field == "violence"]


def labelled_doc(document: Document, gold: dict | None, rules: RuleLabeller) -> LabelledDoc:
    text = DocText(document)
    views = text.pages
    return LabelledDoc(
        name=document.file_name,
        sha256=document.sha256,
        group=group_of(document.file_name),
        text=text.text,
        page_bounds=[(v.start, v.end) for v in views],
        page_numbers=[v.number for v in views],
        gold=gold,
        rule_doctype=rules.doc_type(text.text),
        rule_violence=rules.violence_findings(text.text),
    )


def collect(
    sources: Iterable[Source],
    reader: Callable[..., Document] = read_document,
    progress: Callable[[str], None] | None = None,
) -> list[LabelledDoc]:
    """Read every document of every source and attach its gold row (or none)."""
    rules = RuleLabeller()
    docs: list[LabelledDoc] = []
    seen: set[str] = set()  # a document in two sources (its gold exported too) is read once, first source's
    for source in sources:
        gold = load_gold(source.gold) if source.gold.exists() else {}
        if source.docs is None:
            found = _labelled_files(gold.values())
        elif not source.docs.is_dir():
            log.warning("documents folder %s is absent: its %d gold rows are not used", source.docs, len(gold))
            continue
        else:
            found, _ = discover([source.docs])
        for f in found:
            name = Path(f.path).name
            if Path(name).suffix.lower() in SKIPPED_SUFFIXES or f.sha256 in seen:
                continue
            seen.add(f.sha256)
            row = gold.get(name)
            if row is not None and row.get("sha256") not in (None, f.sha256):
                log.warning("%s: gold SHA-256 does not match the file; its gold is not used", name)
                row = None
            try:
                document = reader(f)
            except UnreadableDocument as exc:
                log.warning("%s: skipped (%s)", name, exc)
                continue
            if progress:
                progress(name)
            docs.append(labelled_doc(document, row, rules))
    return docs


def _labelled_files(labels: Iterable[dict]) -> list:
    """The documents of labels that give an absolute ``source`` path (those absent are logged and left out)."""
    found = []
    for label in labels:
        path = Path(label.get("source") or "")
        if not path.is_absolute() or not path.is_file():
            log.warning("%s: no document at its source %r; its gold is not used", label["file"], label.get("source"))
            continue
        found.append(inspect(path))
    return found


# ---- examples -----------------------------------------------------------------------------------


@dataclass
class Examples:
    """Parallel lists: one row per example."""

    X: list = field(default_factory=list)
    y: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # gold, rules, window, negative
    weights: list[float] = field(default_factory=list)
    scored: list[bool] = field(default_factory=list)  # counted in cross-validated scores
    charged: list[bool | None] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)

    def add(self, x, y, group, source, weight=1.0, scored=False, charged=None, **extra) -> None:
        self.X.append(x)
        self.y.append(y)
        self.groups.append(group)
        self.sources.append(source)
        self.weights.append(weight)
        self.scored.append(scored)
        self.charged.append(charged)
        self.extra.append(extra)

    def __len__(self) -> int:
        return len(self.y)

    def counts(self) -> dict[str, dict[str, int]]:
        """Examples per label and source."""
        out: dict[str, Counter] = defaultdict(Counter)
        for label, source in zip(self.y, self.sources, strict=True):
            out[label][source] += 1
        return {label: dict(c) for label, c in sorted(out.items())}

    def fingerprint(self) -> str:
        import hashlib

        h = hashlib.sha256()
        for x, y, g in zip(self.X, self.y, self.groups, strict=True):
            h.update(json.dumps([x, y, g], ensure_ascii=False).encode())
        return h.hexdigest()


def doctype_examples(docs: list[LabelledDoc]) -> Examples:
    """One scored example per labelled document (its head), plus later page windows at a lower weight."""
    cfg = settings()["doctype"]
    ex = Examples()
    for d in docs:
        rule_label, rule_conf = d.rule_doctype
        if d.gold and d.gold.get("doc_type"):
            label, source = d.gold["doc_type"], "gold"
        elif rule_conf >= cfg["rule_label_min_confidence"]:
            label, source = rule_label, "rules"
        else:
            continue
        head = doctype_input(d.text, d.page_ends)
        ex.add(
            head.row(), label, d.group, source, 1.0, scored=source == "gold", doc=d.name, rule=[rule_label, rule_conf]
        )
        for page_index, _ in page_windows(d.page_bounds, cfg["page_window_pages"], cfg["max_page_windows"]):
            start = d.page_bounds[page_index][0]
            win = doctype_input(d.text, d.page_ends, start=start)
            if win.head:
                ex.add(win.row(), label, d.group, "window", cfg["page_window_weight"], doc=d.name)
    return ex


# ---- violence -----------------------------------------------------------------------------------


def _find_quote(text: str, quote: str, lo: int, hi: int, taken: set[int]) -> int | None:
    """Start of the first occurrence of ``quote`` in text[lo:hi] not yet taken (whitespace-flexible)."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    for flags in (0, re.IGNORECASE):
        for m in re.compile(pattern, flags).finditer(text, lo, hi):
            if m.start() not in taken:
                return m.start()
    return None


def gold_mentions(d: LabelledDoc) -> list[tuple[int, dict]]:
    """(offset in d.text, gold mention) for every gold violence mention found on its page."""
    out: list[tuple[int, dict]] = []
    taken: set[int] = set()
    for m in (d.gold or {}).get(VIOLENCE_FIELD) or []:
        page = m.get("page")
        lo, hi = 0, len(d.text)
        if page in d.page_numbers:
            lo, hi = d.page_bounds[d.page_numbers.index(page)]
        at = _find_quote(d.text, m.get("text", ""), lo, hi, taken)
        if at is None and (lo, hi) != (0, len(d.text)):
            at = _find_quote(d.text, m.get("text", ""), 0, len(d.text), taken)
        if at is None:
            log.info("%s: gold mention %r not found on page %s", d.name, m.get("text"), page)
            continue
        taken.add(at)
        out.append((at, m))
    return out


def _window_index(windows: list[Window], offset: int) -> int | None:
    starts = [w.start for w in windows]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < windows[i].end:
        return i
    return None


def violence_examples(docs: list[LabelledDoc], seed: int | None = None) -> Examples:
    """Sentence windows labelled with a violence label (or none) and charged/described.

    Gold mentions label their window (the first mention by position when a window holds several).
    Where a document's gold mentions are complete, windows with violence vocabulary but no gold
    mention are hard negatives. Where gold is partial or absent, rule findings at high confidence
    label windows the gold does not. Negatives ("none") are capped at ``negative_ratio`` times the
    violent examples: hard negatives first, then windows without vocabulary."""
    cfg = settings()["violence"]
    rng = random.Random(cfg["seed"] if seed is None else seed)
    ex = Examples()
    hard: list[tuple[str, str, str]] = []  # (text, group, doc)
    easy: list[tuple[str, str, str]] = []
    per_doc_label: Counter = Counter()
    for d in docs:
        windows = split(d.text)
        labelled: dict[int, tuple[str, bool | None, str]] = {}
        gold_complete = bool(d.gold) and d.in_scope and not d.gold_partial(VIOLENCE_FIELD)
        if d.gold and d.in_scope:
            for at, m in sorted(gold_mentions(d), key=lambda am: am[0]):
                i = _window_index(windows, at)
                if i is not None and i not in labelled:
                    labelled[i] = (m["label"], m.get("charged"), "gold")
        if not gold_complete:
            for f in sorted(d.rule_violence, key=lambda f: -f.confidence):
                if f.confidence < cfg["rule_label_min_confidence"]:
                    continue
                i = _window_index(windows, f.start)
                if i is not None and i not in labelled:
                    labelled[i] = (f.value, f.attrs.get("charged"), "rules")
        for i, (label, charged, source) in sorted(labelled.items()):
            if per_doc_label[d.group, label] >= cfg["max_examples_per_doc_label"]:
                continue
            per_doc_label[d.group, label] += 1
            ex.add(violence_input(windows[i]), label, d.group, source, scored=True, charged=charged, doc=d.name)
        for i, w in enumerate(windows):
            if i in labelled:
                continue
            has_vocab = bool(vocabulary_spans(w.text))
            if has_vocab and gold_complete:
                hard.append((violence_input(w), d.group, d.name))
            elif not has_vocab and len(w.text) >= 40:
                easy.append((violence_input(w), d.group, d.name))
    budget = int(cfg["negative_ratio"] * len(ex))
    rng.shuffle(hard)
    rng.shuffle(easy)
    negatives = _capped(hard, budget, cfg["max_examples_per_doc_label"], "hard")
    negatives += _capped(easy, budget - len(negatives), cfg["max_examples_per_doc_label"], "easy")
    for text, group, name, kind in negatives:
        ex.add(text, NO_VIOLENCE, group, f"negative_{kind}", scored=True, doc=name)
    return ex


def _capped(pool: list[tuple[str, str, str]], budget: int, per_doc: int, kind: str) -> list[tuple]:
    taken: Counter = Counter()
    out: list[tuple] = []
    for text, group, name in pool:
        if len(out) >= budget:
            break
        if taken[group] >= per_doc:
            continue
        taken[group] += 1
        out.append((text, group, name, kind))
    return out
