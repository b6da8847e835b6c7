"""The caption page and the caption patterns: what the court, case number and defendants components share.

``caption_patterns.json`` holds how captions, parties, aliases and case numbers are written and the
confidences of the three components; :func:`caption_patterns` compiles it once per file.

Confidence follows location: the caption block of the first page (or a docket's header) counts most.
The first page is the first page with text (``doc._.pages``); without page views, or when a "page" is
a whole unpaginated text, the first ``head_chars`` characters (:func:`head`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from expediente.extractors.patterns import load_json
from expediente.extractors.text import PageView


@dataclass(frozen=True)
class Head:
    """Where the first page with text lies in doc.text: the caption page."""

    start: int
    end: int

    def __contains__(self, offset: int) -> bool:
        return offset < self.end


class CaptionPatterns:
    """``caption_patterns.json``, compiled."""

    def __init__(self, cfg: dict):
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
        self.case_label_window: int = cfg["case_label_window"]
        self.case_demoted = re.compile(cfg["case_demoted_label"], re.IGNORECASE)
        self.case_cited = re.compile(cfg["case_cited_before"])
        self.plaintiff = re.compile(cfg["plaintiff"])
        self.versus_line = re.compile(cfg["versus_line"])
        self.versus_inline = re.compile(cfg["versus_inline"])
        self.caption_end = re.compile(cfg["caption_end"])
        self.attorney_cue = re.compile(cfg["attorney_cue"], re.IGNORECASE)
        self.stamp_cue = re.compile(cfg["stamp_cue"], re.IGNORECASE)
        self.numbering = re.compile(cfg["numbering"])
        self.et_al = re.compile(cfg["et_al"], re.IGNORECASE)
        self.alias = re.compile(cfg["alias"])
        self.alias_chain = re.compile(cfg["alias_chain"])
        self.column_gap = re.compile(cfg["column_gap"])
        self.name_run = re.compile(cfg["name_run"])
        self.docket_defendant = re.compile(cfg["docket_defendant"])
        self.docket_entry_defendant = re.compile(cfg["docket_entry_defendant"])
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


@cache
def caption_patterns(name: str) -> CaptionPatterns:
    """The compiled patterns of extractors/data/<name> (cached: the three caption components share them)."""
    return CaptionPatterns(load_json(name))


def head(pages: Sequence[PageView] | None, text: str, p: CaptionPatterns) -> Head:
    """The first page with text; the first ``head_chars`` characters when pages are unknown."""
    fallback = Head(0, min(len(text), p.head_chars))
    for page in pages or []:
        if len(text[page.start : page.end].strip()) < p.page_min_chars:
            continue
        if page.end - page.start > p.page_max_chars:  # an unpaginated text, not a page
            return Head(page.start, min(len(text), page.start + p.head_chars))
        return Head(page.start, page.end)
    return fallback


def line_spans(text: str, start: int, end: int, max_lines: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end] (the first ``max_lines``), offsets into text."""
    spans, pos = [], start
    while pos < end and (max_lines is None or len(spans) < max_lines):
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        spans.append((pos, stop))
        pos = stop + 1
    return spans
