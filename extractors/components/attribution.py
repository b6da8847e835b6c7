"""Whose outcome each finding is, in a document naming several defendants.

A docket lists dispositions per defendant, a press release says who was sentenced to what and who was
extradited, a memorandum recounts a co-defendant's plea: a plea, sentence, custody, benefit or event-date
finding is given (``attrs["defendant"]``) to the defendant its clause names (a sentence, or a docket entry):
the only one named there, else the one named last before it, or all of the defendants a list names as one
subject ("MASON, JOHNSON, and CASTRO were arrested ...": ``attrs["defendants"]``); on a docket, failing that,
the defendant whose section ("Defendant (2)" to the next heading) holds it. A defendant is
recognised by the full name, by the first and last words of it, or by a surname no co-defendant shares,
without accents or case. A finding whose window names no defendant stays unattributed (casedata/people.py
then gives it to nobody in a multi-defendant document; a document naming one defendant needs no
attribution).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors.families import family
from expediente.extractors.findings import findings, of
from expediente.extractors.names import fold_chars, name_tokens
from expediente.extractors.patterns import load_json
from expediente.extractors.sentences import Window, text_of, window_at

NAME = "expediente_attribution"


def name_patterns(names: list[str]) -> dict[str, re.Pattern[str]]:
    """For each defendant, a pattern for the ways a filing writes them: full name, first and last word,
    or a surname (last word, or hyphenated surname) that no other defendant shares."""
    tokens = {n: name_tokens(n) for n in names}
    last_counts: dict[str, int] = {}
    for toks in tokens.values():
        if toks:
            last_counts[toks[-1]] = last_counts.get(toks[-1], 0) + 1
    out = {}
    for name, toks in tokens.items():
        if not toks:
            continue
        sep = r"[\s\-,.]+(?:\w+[\s\-,.]+){0,3}?"
        forms = [sep.join(re.escape(t) for t in toks)]
        if len(toks) > 1:
            forms.append(re.escape(toks[0]) + sep + re.escape(toks[-1]))
            if last_counts[toks[-1]] == 1 and len(toks[-1]) > 2:
                forms.append(re.escape(toks[-1]))
            if len(toks) > 2 and len(toks[-2]) > 2:  # a compound surname written without the maternal name
                forms.append(re.escape(toks[-2]) + r"[\s\-]+" + re.escape(toks[-1]))
        out[name] = re.compile(r"(?<![a-z])(?:" + "|".join(forms) + r")(?![a-z])")
    return out


def paternal_patterns(names: list[str]) -> dict[str, re.Pattern[str]]:
    """For each defendant of three or more names, the second-last alone ("Pérez" for Juan Pérez García, as
    releases write Spanish names), where no other defendant has that word among their names. Read only where
    no capitalised word follows it: "David Smith" is someone else, not Brian David Mitchell."""
    tokens = {n: name_tokens(n) for n in names}
    out = {}
    for name, toks in tokens.items():
        others = {t for n, ts in tokens.items() if n != name for t in ts}
        if len(toks) > 2 and len(toks[-2]) > 2 and toks[-2] not in others:
            out[name] = re.compile(r"(?<![a-z])" + re.escape(toks[-2]) + r"(?![a-z])")
    return out


@Language.factory(
    NAME,
    default_config={"patterns": "attribution_patterns.json"},
    requires=[family("defendant")],
    assigns=[family("attribution")],
)
def make_attribution(nlp: Language, name: str, patterns: str) -> AttributionComponent:
    return AttributionComponent(name, patterns)


class AttributionComponent:
    def __init__(self, name: str, patterns: str):
        self.name = name
        data = load_json(patterns)
        self.fields = frozenset(data["findings"])
        self.clause_end = re.compile(data["clause_end"])
        self.not_given = {w.casefold() for w in data["not_given_names"]}
        self.coordination = re.compile(data["coordination"])
        self.given_name_follows = re.compile(data["given_name_follows"])
        self.docket_section = re.compile(data["docket_section"])
        self.docket_entries = re.compile(data["docket_entries"], re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        names = list(dict.fromkeys(f.value for f in of(doc, "defendant")))
        if len(names) < 2:
            return doc
        text = text_of(doc)
        folded = fold_chars(text)
        patterns = name_patterns(names)
        paternal = paternal_patterns(names)
        sections = self._sections(text, folded, patterns)
        for f in findings(doc):
            if f.field not in self.fields or f.attrs.get("defendant") or f.location is not None:
                continue
            w = window_at(doc, f.start)
            who = self._named(text, folded, w, f.start, patterns, paternal) if w is not None else []
            if not who:
                who = [name for start, end, name in sections if start <= f.start < end][:1]
            if len(who) == 1:
                f.attrs["defendant"] = who[0]
            elif who:
                f.attrs["defendants"] = who
        return doc

    def _sections(self, text: str, folded: str, patterns: dict[str, re.Pattern[str]]) -> list[tuple[int, int, str]]:
        """A docket's defendant sections: (start, end, defendant), from each "Defendant (n)" heading to the
        next one, the last ending where the entries' table begins."""
        heads = list(self.docket_section.finditer(text))
        table = self.docket_entries.search(text)
        out = []
        for i, h in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else (table.start() if table else len(text))
            line_end = text.find("\n", h.end() + 1)
            first = folded[h.end() : line_end if line_end > 0 else len(text)]
            name = next((n for n, pattern in patterns.items() if pattern.search(first)), None)
            if name is not None and end > h.end():
                out.append((h.end(), end, name))
        return out

    def _someone_else(self, text: str, at: int, name: str) -> bool:
        """A surname written after a capitalised given name the defendant does not have ("KARL SMITH" is not
        the defendant Sean Smith); titles and sentence openers ("Defendant Luna", "The") are no given names,
        nor is the last word of the sentence before ("... the Superseding Indictment. MASON, ...")."""
        before = re.search(r"([A-ZÀ-Þ][\w'’-]+)(\.?)\s+$", text[max(0, at - 40) : at])
        if not before or before[1].casefold() in self.not_given:
            return False
        if before[2] and len(before[1]) > 2:  # a sentence's end, not an initial
            return False
        return name_tokens(before[1])[:1] not in ([t] for t in name_tokens(name))

    def _named(
        self,
        text: str,
        folded: str,
        w: Window,
        at: int,
        patterns: dict[str, re.Pattern[str]],
        paternal: dict[str, re.Pattern[str]],
    ) -> list[str]:
        """The defendants the clause around ``at`` names: the only one, else the last named before ``at`` with
        the names listed with it ("A, B, and C were ..."); none when the clause names none."""
        start = max((m.end() for m in self.clause_end.finditer(folded, w.start, at)), default=w.start)
        after = self.clause_end.search(folded, at, w.end)
        end = after.start() if after else w.end
        matches = [(m, name) for name, pattern in patterns.items() for m in pattern.finditer(folded, start, end)]
        found = [(m.start(), m.end(), name) for m, name in matches if not self._someone_else(text, m.start(), name)]
        spans = [m.span() for m, _ in matches]  # a paternal surname inside any name written in full is no name
        found += [
            (m.start(), m.end(), name)
            for name, pattern in paternal.items()
            for m in pattern.finditer(folded, start, end)
            if not any(s <= m.start() < e for s, e in spans)
            and not self._someone_else(text, m.start(), name)
            and not self.given_name_follows.match(text, m.end())
        ]
        found.sort()
        if len({name for _, _, name in found}) == 1:
            return [found[0][2]]
        before = [(s, e, name) for s, e, name in found if s < at]
        if not before:
            return []
        listed = [before[-1]]
        for s, e, name in reversed(before[:-1]):
            if not self.coordination.fullmatch(folded, e, listed[-1][0]):
                break
            listed.append((s, e, name))
        return list(dict.fromkeys(name for _, _, name in reversed(listed)))
