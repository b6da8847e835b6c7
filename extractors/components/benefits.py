"""Sentencing benefits a document grants or promises: substantial-assistance motions (USSG §5K1.1,
18 U.S.C. § 3553(e)), Rule 35(b), safety valve, acceptance of responsibility, dismissal of counts,
Rule 11(c)(1)(C) agreed sentences, probation, no further charges, other reductions (low end of the
range, downward variance or departure recommended by the government).

Only grants count. Each match goes through :func:`extractors.negation.assess`:

- negated or disclaimed ("will not move for", "is not obligated to", "no promises") -> dropped;
- conditional ("if the defendant ...", "may, in its sole discretion") -> kept at reduced confidence
  with ``attrs["status"] = "conditional"``: plea agreements make most benefits conditional on the
  defendant's conduct, and a reader still wants to see them, but below an outright grant. A
  conditional *promise* (a grant verb near it: "will move ... unless", "agrees to file ... if, in
  its sole discretion") keeps moderate confidence, above the roll-up's threshold; a mere
  possibility ("may, in its sole discretion, file") stays below it;
- claimed (the defence's request or argument) -> kept at reduced confidence, status "claimed";
- affirmed -> kept; raised when a grant verb ("will move", "granted", "decreased by") is near.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from expediente.extractors import negation
from expediente.extractors.families import family
from expediente.extractors.mentions import Mention, MentionComponent
from expediente.extractors.sentences import Rule, Window, compile_any, compile_rule

NAME = "expediente_benefits"
OTHER_REDUCTION = "sentence_reduction_other"


@Language.factory(NAME, default_config={"patterns": "benefit_patterns.json"}, assigns=[family("benefit")])
def make_benefits(nlp: Language, name: str, patterns: str) -> BenefitComponent:
    return BenefitComponent(name, patterns)


class BenefitComponent(MentionComponent):
    field = "benefit"
    exclusive = False  # overlapping matches are each kept: one window may name a benefit in several ways

    def configure(self, data: dict) -> None:
        self.grant = compile_any(data["grant_cues"])
        self.granted = float(data["granted_confidence"])
        self.conditional_factor = float(data["conditional_factor"])
        self.conditional_promise = float(data["conditional_promise_confidence"])
        self.claimed_factor = float(data["claimed_factor"])
        self.toc = compile_rule(data["toc"])
        self.government = compile_rule(data["government_cue"])
        self.government_bonus = float(data["government_bonus"])
        self.departure_named_by = frozenset(data["departure_named_by"])

    def score(self, label: str, base: float, text: str, start: int, end: int, ignore) -> tuple[float, str]:
        """(confidence, negation status) of a mention; the status says whether it is cancelled."""
        verdict = negation.assess(text, start, end, ignore=ignore)
        if verdict.cancelled:
            return 0.0, verdict.status
        near = text[max(0, start - 120) : end + 120]
        confidence = base
        promised = bool(self.grant.search(near))
        if promised:
            confidence = max(confidence, self.granted)
        if label == "sentence_reduction_other" and self.government.search(near):
            confidence += self.government_bonus
        if verdict.status == negation.CONDITIONAL:
            # a promise that hangs on the defendant's conduct is still what the plea buys
            confidence = self.conditional_promise if promised else confidence * self.conditional_factor
        elif verdict.status == negation.CLAIMED:
            confidence *= self.claimed_factor
        return round(min(confidence, 0.95), 2), verdict.status

    def judge(self, doc: Doc, w: Window, rule: Rule, m: re.Match[str], facts: None) -> Mention | None:
        if _blank_checkbox(rule.label, m, w.text):
            return None
        ignore = tuple(rule.options.get("ignore", ()))
        confidence, status = self.score(rule.label, rule.confidence, w.text, m.start(), m.end(), ignore)
        return Mention(
            rule.label, m.start(), m.end(), confidence, {"status": status, "text": re.sub(r"\s+", " ", m.group(0))}
        )

    def read(self, doc: Doc, w: Window, facts: None) -> list[Mention]:
        """One benefit named twice in a sentence ("acceptance of responsibility ... § 3E1.1") is one statement:
        if any mention is negated, all are; the weakest status governs the rest. A table of contents grants
        nothing."""
        if self.toc.search(w.text):
            return []
        by_label: dict[str, list[Mention]] = {}
        starts: set[tuple[str, int]] = set()
        for mention in self.scan(doc, w, facts, []):
            if (mention.label, mention.start) not in starts:  # two rules of one benefit matching the same words
                starts.add((mention.label, mention.start))
                by_label.setdefault(mention.label, []).append(mention)
        kept = []
        for mentions in by_label.values():
            if any(m.attrs["status"] in negation.CANCELLING for m in mentions):
                continue
            worst = min(mentions, key=lambda m: m.confidence)
            for m in mentions:
                if worst.attrs["status"] != negation.AFFIRMED:
                    m.confidence, m.attrs["status"] = min(m.confidence, worst.confidence), worst.attrs["status"]
                kept.append(m)
        if self.departure_named_by & by_label.keys():  # "a downward departure under 5K1.1" is the 5K1.1 motion
            kept = [m for m in kept if not (m.label == OTHER_REDUCTION and "depart" in m.attrs["text"].lower())]
        return kept


_COUNT_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|all|remaining|underlying)\b", re.I)


def _blank_checkbox(label: str, m: re.Match[str], text: str) -> bool:
    """AO 245B prints "Count(s) ____ is are dismissed on the motion of the United States" on every
    judgment; only a line that names counts is a dismissal."""
    if label != "dismiss_counts" or not m.group(0).lower().startswith(("count", "charge")):
        return False
    head = m.group(0)[: m.group(0).lower().find("dismissed")]
    head = text[max(0, m.start() - 20) : m.start()] + re.sub(r"^(?:counts?|charges?)(?:\(s\))?", "", head, flags=re.I)
    return not _COUNT_WORD.search(head)
