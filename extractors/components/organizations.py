"""Criminal organisations a filing names (Sinaloa Cartel, CJNG, Gulf Cartel, Los Zetas, ...), by the names in
``organizations.json``: accents and case aside, on word boundaries, with acronyms and common-word names
matched only as written. Each mention is a finding labelled with the organisation's canonical name. An
organisation the file does not list is read where the filing says what it is ('"Sev Side," a street gang'),
labelled with its name as written. In a document naming several defendants, a mention is theirs whom its
sentence names (``attrs["defendants"]``: a conspiracy count naming them all gives it to all, a release's
sentence charging two of them with membership in a gang to those two); a sentence naming none leaves it to
the group (the person rule is shared)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import casefold
from expediente.extractors.components.attribution import name_patterns
from expediente.extractors.families import family
from expediente.extractors.findings import Finding, add, of
from expediente.extractors.names import fold_chars
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import compile_rule, lowered_of, text_of, window_at

NAME = "expediente_organizations"
VERSION = "3"
SENTENCE_REACH = 1500  # characters before a window searched for its sentence's start


def _alternation(names: list[str], fold: bool) -> str:
    forms = sorted({fold_chars(n) if fold else n for n in names}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for f in forms)


@Language.factory(
    NAME,
    default_config={"patterns": "organizations.json"},
    requires=[family("defendant")],
    assigns=[family("organization")],
)
def make_organizations(nlp: Language, name: str, patterns: str) -> OrganizationsComponent:
    return OrganizationsComponent(name, patterns)


class OrganizationsComponent:
    confidence = 0.8

    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        orgs = data["organizations"]
        self.canonical = {f"o{i}": org["name"] for i, org in enumerate(orgs)}
        bound = r"(?<![\w-])(?:{})(?![\w-])"
        self.folded = re.compile(
            bound.format("|".join(f"(?P<o{i}>{_alternation(o['aliases'], True)})" for i, o in enumerate(orgs)))
        )
        exact = [(i, o["case_sensitive"]) for i, o in enumerate(orgs) if o["case_sensitive"]]
        self.exact = re.compile(bound.format("|".join(f"(?P<o{i}>{_alternation(a, False)})" for i, a in exact)))
        self.named = [compile_rule(p) for p in data["named"]]
        self.not_names = {n.casefold() for n in data["not_names"]}
        self.by_alias = {_key(a): o["name"] for o in orgs for a in o["aliases"] + o["case_sensitive"]}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = self._find(text, lowered_of(doc))
        self._attribute(doc, text, found)
        for f in found:
            add(doc, f)
        return doc

    def _find(self, text: str, low: str | None = None) -> list[Finding]:
        found: list[Finding] = []
        listed: list[tuple[int, int]] = []
        for regex, searched in ((self.folded, fold_chars(text)), (self.exact, text)):
            for m in casefold.finditer(regex, searched, None, at_words=True):  # tried before words a name begins
                listed.append((m.start(), m.end()))
                attrs = {"text": " ".join(text[m.start() : m.end()].split())}
                found.append(self._finding(self.canonical[m.lastgroup], m.start(), m.end(), attrs))
        for regex in self.named:
            for m in casefold.finditer(regex, text, low):
                name = " ".join(m["name"].split()).strip(" .'’")
                if not name[:1].isupper() and not name[:1].isdigit():
                    continue  # "the cartel," a ...
                if all(w.casefold() in self.not_names for w in name.split()):
                    continue
                start, end = m.start("name"), m.start("name") + len(m["name"].rstrip(" .'’"))
                if any(s < end and start < e for s, e in listed):
                    continue  # a listed organisation, found above by its canonical name
                label = self.by_alias.get(_key(name), name)
                attrs = {"text": name, "named": True}
                found.append(self._finding(label, start, end, attrs))
        return found

    def _finding(self, label: str, start: int, end: int, attrs: dict) -> Finding:
        return Finding("organization", label, start, end, self.confidence, self.name, VERSION, attrs)

    def _attribute(self, doc: Doc, text: str, found: list[Finding]) -> None:
        """Each mention to the defendants its sentence names, in a document naming several."""
        names = list(dict.fromkeys(f.value for f in of(doc, "defendant")))
        if len(names) < 2 or not found:
            return
        patterns = name_patterns(names)
        folded = fold_chars(text)
        for f in found:
            w = window_at(doc, f.start)
            if w is None:
                continue
            start = _sentence_start(text, w.start)
            named = sorted((m.start(), name) for name, rx in patterns.items() if (m := rx.search(folded, start, w.end)))
            if named:
                f.attrs["defendants"] = [name for _, name in named]


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding a window begins: the window's start when a sentence ends before it, else the
    last full stop before it (a window may begin at a line break inside a long list of names and aliases)."""
    before = text[max(0, start - SENTENCE_REACH) : start]
    if not before.strip() or re.search(r"[.!?;:][\"”’)]?\s*$", before):
        return start
    stops = list(re.finditer(r"[.!?;][\"”’)]?\s+(?=[A-Z])", before))
    return start - len(before) + stops[-1].end() if stops else start - len(before)


def _key(name: str) -> str:
    """A name compared without accents, case, hyphens or spacing."""
    return re.sub(r"[\s-]+", " ", fold_chars(name).casefold()).strip()
