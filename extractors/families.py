"""Finding families as Doc attributes, so components declare what they read and what they add.

Every component appends :class:`extractors.findings.Finding` objects to ``doc._.findings``; a family is
the findings of one field ("statute", "defendant", ...). :func:`family` registers ``doc._.<field>_findings``,
a read-only getter over ``doc._.findings``, and returns that attribute's name for a factory's ``requires``
and ``assigns``, so ``nlp.analyze_pipes()`` reports a component placed before the one whose findings it
reads (counts before statutes, the violence model before the violence rules).
"""

from __future__ import annotations

from spacy.tokens import Doc

from expediente.extractors.findings import of


def family(field: str) -> str:
    """``"doc._.<field>_findings"``, registered as a Doc extension holding the doc's findings of ``field``."""
    attr = f"{field}_findings"
    if not Doc.has_extension(attr):
        Doc.set_extension(attr, getter=lambda doc: of(doc, field))
    return f"doc._.{attr}"
