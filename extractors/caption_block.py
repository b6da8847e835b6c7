"""The defendants a caption block names: the party column between "v." and "Defendant(s)".

A caption sets the parties in a left column beside a right column of case number, title or statutes
(cut off at a ")", ":", "§" or "|" column or a wide gap). The column is read line by line: numbering,
OCR junk and ECF stamps skipped, a name wrapped onto the next line joined, counsel ("..., Attorney")
left out. Aliases are read from the column as one text, so a cue or a quoted nickname may wrap a line;
each belongs to the defendant named last before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from expediente.extractors.caption import CaptionPatterns, Head, line_spans
from expediente.extractors.names import Alias, Party, aliases_in, display_name, name_at, valid_name


def caption_parties(p: CaptionPatterns, text: str, head: Head) -> list[Party]:
    """The defendants of the first caption block (after a plaintiff line) that names any."""
    limit = min(len(text), head.start + p.caption_chars)
    search_end = min(limit, max(head.end, head.start + p.head_chars) + 2000)
    for pm in p.plaintiff.finditer(text, 0, search_end):
        parties = _block_after(p, text, pm, limit)
        if parties:
            return parties
    return []


def _block_after(p: CaptionPatterns, text: str, pm: re.Match[str], limit: int) -> list[Party]:
    caps_required = pm.group(0).isupper()
    line_end = text.find("\n", pm.end())
    line_end = limit if line_end == -1 else line_end
    start_at: int | None = None
    inline = p.versus_inline.match(text, pm.end(), line_end)
    if inline:
        start_at = inline.end()
    else:
        spans = line_spans(text, line_end + 1, limit, p.versus_lookahead)
        for s, e in spans:
            lead = len(re.match(r"[\s|]*", text[s:e]).group(0))  # OCR reads a table's border as "|"
            body = text[s + lead : e].rstrip()
            m = p.versus_line.match(body)
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
    return _read_block(p, text, start_at, limit, caps_required)


def _read_block(p: CaptionPatterns, text: str, start_at: int, limit: int, caps_required: bool) -> list[Party]:
    parties: list[Party] = []
    spans = _party_column(p, text, start_at, limit)
    aliases = _column_aliases(p, text, spans)
    alias_spans = [(a_s, a_e) for _, a_s, a_e in aliases]
    skipping_stamp = False
    stop = spans[-1][1] if spans else start_at
    conf = p.conf["defendant_caption"]
    for n, (s, e) in enumerate(spans):
        line = text[s:e]
        body = line.strip()
        if not body:
            skipping_stamp = False
            continue
        lead = s + len(line) - len(line.lstrip())
        if (n > 0 or start_at == s) and p.caption_end.match(re.sub(r"^\d{1,2}\s+", "", body)):
            stop = s
            break
        if p.stamp_cue.match(body):
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
        num = p.numbering.match(text, pos, e)
        if num:
            pos = num.end()
        junk = p.ocr_junk.match(text, pos, e)
        if junk:
            pos = junk.end()
        if p.alias.match(text, pos, e) or any(a_s <= pos < a_e for a_s, a_e in alias_spans):
            continue  # the line continues the last defendant's aliases
        cue_later = p.alias.search(text, pos, e)
        name = name_at(p, text, pos, cue_later.start() if cue_later else e)
        if name and not any(a_s <= name[1] < a_e for a_s, a_e in alias_spans):
            raw, ns, ne = name
            raw = p.et_al.sub("", raw).strip()
            # a name wrapped onto the next line: "JOAQUIN ARCHIVALDO GUZMAN\nLOERA, a/k/a ..."
            after = text[ne:e]
            if not after.strip() and n + 1 < len(spans):
                ns2, ne2 = spans[n + 1]
                nxt = name_at(p, text, ns2 + len(text[ns2:ne2]) - len(text[ns2:ne2].lstrip()), ne2)
                if nxt and len(nxt[0].split()) == 1 and text[nxt[2] : nxt[2] + 1] == ",":
                    raw, ne = f"{raw} {nxt[0]}", nxt[2]
            if valid_name(p, raw, caps_required=caps_required) and not _attorney_next(p, text, ne):
                parties.append(Party(display_name(p, raw), ns, ne, conf))
    for alias in aliases:  # each alias belongs to the defendant named last before it
        owner = next((party for party in reversed(parties) if party.start <= alias[1]), None)
        if owner is not None and alias[1] < stop:
            owner.aliases.append(alias)
    return parties


def _party_column(p: CaptionPatterns, text: str, start_at: int, limit: int) -> list[tuple[int, int]]:
    """(start, end) of each caption line's party column: the case number or title beside it cut off."""
    out = []
    for n, (s, e) in enumerate(line_spans(text, start_at, limit, p.max_lines)):
        line = text[s:e]
        if n == 0 and s > 0 and text[s - 1] != "\n" and re.match(r"[ \t]{3,}", line):
            out.append((s, s))  # the rest of the "v." line is the right column ("v.      PLEA AGREEMENT")
            continue
        indent = len(line) - len(line.lstrip())
        column = p.column_gap.search(text, s + indent + 1, e)
        out.append((s, column.start() if column else e))
    return out


def _column_aliases(p: CaptionPatterns, text: str, spans: list[tuple[int, int]]) -> list[Alias]:
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

    return [(alias, back(a_s), back(a_e - 1) + 1) for alias, a_s, a_e in aliases_in(p, column, 0, len(column))]


def _attorney_next(p: CaptionPatterns, text: str, end: int) -> bool:
    """The name is followed (same or next line) by an attorney label: counsel, not a party."""
    nxt = text[end : end + 160]
    lines = [ln.strip(" )*") for ln in nxt.split("\n")[:3] if ln.strip(" )*")]
    return any(p.attorney_cue.match(ln) for ln in lines[:2]) or bool(re.match(r"\s*,?\s*(?:Esq|Attorney|Counsel)", nxt))


def _is_prose(line: str) -> bool:
    words = line.split()
    if len(words) < 8:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= len(words) / 2
