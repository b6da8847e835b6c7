"""`expediente report`: the study's figures as one self-contained HTML file.

The figures come from :mod:`casedata.figures` (and a published study's beside them from
:mod:`casedata.compare`); this module only draws them: inline SVG plots made here, no script, no style sheet
or font fetched, a Content-Security-Policy that forbids loading anything, and every text from the dataset
(names, court names, evidence quoted from filings) escaped. Each number links to the list of the defendants
behind it, with the evidence (document, page, characters) of the values that put them there, and each
defendant to their full record.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable
from pathlib import Path

from expediente.casedata.compare import Comparison, Profile
from expediente.casedata.figures import Defendant, Evidence, Figure, PersonKey, Report, Row
from expediente.casedata.people import defendant_object
from expediente.corpus.safetext import strip_control_sequences

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
QUOTE_CHARS = 240  # evidence text shown in lists (the full text is in the span's title)
BAR_W, LABEL_W, ROW_H = 360, 230, 22  # bar charts: bar area, label column, row height (px)
COL_H, COL_MAX_W = 160, 48  # column charts: plot height, widest column (px)
COLOURS = {"value": "#3a6ea5", "derived": "#5b8c5a", "explicit": "#b7773a", "unknown": "#9a9a9a"}

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1d;
       margin: 0 auto; max-width: 1040px; padding: 0 24px 48px; }
h1 { font-size: 1.7em; margin: 1.2em 0 .2em; } h2 { font-size: 1.3em; margin: 0 0 .3em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; } h4 { font-size: .95em; margin: .9em 0 .3em; }
a { color: #1f5aa6; } .meta, .question, .note, .counts { margin: .3em 0; } .question { font-style: italic; }
.counts { color: #333; } .note, .source { color: #555; font-size: .92em; }
nav ul { columns: 2; padding-left: 1.2em; margin: .4em 0 1em; }
section.figure, section#comparison, section#defendants { border-top: 1px solid #ccc; padding-top: 1em;
       margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; font-size: .93em; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.unknown td { color: #666; font-style: italic; } .missing { background: #fff4e0; padding: 6px 10px; }
.lists { margin-top: .6em; } .list { margin: .2em 0 .8em; } .list table { width: 100%; }
.ev { display: block; font-size: .9em; color: #333; } .ev q { color: #000; } code { font-size: .92em; }
.plus { color: #0b6b2e; } .minus { color: #a3201b; } .none { color: #777; }
svg { display: block; margin: .4em 0; overflow: visible; } svg text { font: 12px system-ui, sans-serif; }
.list:target, article:target, section:target h2 { background: #fff7c2; }
td.num { white-space: nowrap; } .legend { font-size: .88em; color: #444; } article.defendant { margin: 1em 0; }
"""


def esc(value) -> str:
    """Untrusted text as HTML text or an attribute value: escaped, control characters dropped."""
    return html.escape(strip_control_sequences("" if value is None else str(value)), quote=True)


def person_anchor(key: PersonKey) -> str:
    return "p-" + hashlib.sha256("\x00".join(key).encode()).hexdigest()[:16]


def row_anchor(figure: Figure, row: Row) -> str:
    rows = [*figure.rows, *figure.unknowns]
    return f"{figure.id}-{rows.index(row)}"


def pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}%"


def pp(difference: float | None) -> str:
    if difference is None:
        return '<span class="none">–</span>'
    cls = "plus" if difference > 0.05 else "minus" if difference < -0.05 else "none"
    return f'<span class="{cls}">{difference:+.1f} pp</span>'


# --- plots --------------------------------------------------------------------------------------------------


def _short(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(figure: Figure, markers: dict[str, float]) -> str:
    """Horizontal bars, one per row, as shares of the row's denominator (0-100%); ``markers``: a published
    share (percent) by row key, drawn as a tick."""
    rows = [*figure.rows, *(r for r in figure.unknowns if r.count)]
    if not rows:
        return ""
    width, height = LABEL_W + BAR_W + 120, ROW_H * len(rows) + 28
    parts = [
        f'<svg class="plot" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{esc(figure.title)}">'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_W + BAR_W * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 20}" stroke="#e2e2e2"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" fill="#666">{tick}%</text>')
    for i, row in enumerate(rows):
        y = i * ROW_H
        share = figure.share(row) or 0.0
        colour = COLOURS["unknown" if row.kind == "unknown" else row.kind]
        tip = f"{row.label}: {row.count} of {figure.row_denominator(row)} ({pct(figure.share(row))})"
        parts.append(
            f'<a href="#{row_anchor(figure, row)}"><title>{esc(tip)}</title>'
            f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{esc(_short(row.label))}</text>'
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{max(BAR_W * share, 0.0):.1f}" height="{ROW_H - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{LABEL_W + BAR_W * share + 6:.1f}" y="{y + 15}" fill="#333">{row.count} '
            f"({esc(pct(figure.share(row)))})</text></a>"
        )
        if row.key in markers:
            x = LABEL_W + BAR_W * min(markers[row.key], 100) / 100
            parts.append(
                f'<line class="published" x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + ROW_H - 1}" '
                f'stroke="#111" stroke-width="2.5"><title>published: {markers[row.key]:.1f}%</title></line>'
            )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(figure: Figure) -> str:
    """Columns of counts along the rows' order (years, sentence lengths)."""
    rows = figure.rows
    if not rows or not any(r.count for r in rows):
        return ""
    top = max(r.count for r in rows)
    step = min(COL_MAX_W, max(14, 640 // len(rows)))
    labels = [r.short or r.label for r in rows]
    rotate = len(rows) > 10 or any(len(label) * 7 > step for label in labels)
    below = 8 + 7 * max(len(label) for label in labels) if rotate else 24
    width, height = 40 + step * len(rows), COL_H + below + 20
    parts = [
        f'<svg class="plot" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{esc(figure.title)}">',
        f'<line x1="36" y1="{COL_H + 20}" x2="{width}" y2="{COL_H + 20}" stroke="#999"/>',
    ]
    for i, (row, short) in enumerate(zip(rows, labels, strict=True)):
        x = 40 + i * step
        h = COL_H * row.count / top
        y = COL_H + 20 - h
        tip = f"{row.label}: {row.count} ({pct(figure.share(row))} of {figure.row_denominator(row)})"
        label_x, label_y = x + step / 2, COL_H + 34
        label = (
            f'<text x="{label_x:.1f}" y="{label_y}" text-anchor="end" transform="rotate(-50 {label_x:.1f} {label_y})">'
            if rotate
            else f'<text x="{label_x:.1f}" y="{label_y}" text-anchor="middle">'
        )
        parts.append(
            f'<a href="#{row_anchor(figure, row)}"><title>{esc(tip)}</title>'
            f'<rect x="{x + 2}" y="{y:.1f}" width="{step - 4}" height="{h:.1f}" fill="{COLOURS[row.kind]}"/>'
            f'<text x="{label_x:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="#333">{row.count}</text>'
            f"{label}{esc(_short(short, 22))}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


# --- tables and lists -----------------------------------------------------------------------------------------


def _count_link(figure: Figure, row: Row) -> str:
    return f'<a href="#{row_anchor(figure, row)}">{row.count}</a>'


def rows_table(figure: Figure) -> str:
    out = ['<table class="rows"><tr><th></th><th class="num">defendants</th><th class="num">share</th><th>of</th></tr>']
    for row in [*figure.rows, *figure.unknowns]:
        cls = ' class="unknown"' if row.kind == "unknown" else ""
        label = esc(row.label) + (f' <span class="note">({esc(row.note)})</span>' if row.note else "")
        of = f"{figure.row_denominator(row)} {esc(row.of or figure.denominator_label)}"
        out.append(
            f'<tr{cls}><td>{label}</td><td class="num">{_count_link(figure, row)}</td>'
            f'<td class="num">{pct(figure.share(row))}</td><td>{of}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def compare_table(comparisons: list[tuple[int, Comparison]], profile: Profile | None, with_figure: bool) -> str:
    """Published numbers beside ours; a number's source is shown where it is not the profile's."""
    head = "<th>figure</th>" if with_figure else ""
    out = [
        f'<table class="compare"><tr>{head}<th>published figure</th><th class="num">study</th>'
        '<th class="num">ours</th><th class="num">difference</th></tr>'
    ]
    for i, c in comparisons:
        p = c.published
        ours = "–" if c.ours is None else f"{c.ours:.1f}%"
        fig = f'<td><a href="#fig-{c.figure.id}">{esc(c.figure.title)}</a></td>' if with_figure else ""
        said = [f"“{esc(p.quote)}”"] if p.quote else []
        if profile is None or p.source != profile.source:
            said.append(esc(p.source))
        said += [esc(p.note)] if p.note and not with_figure else []  # the overview leaves notes to the figures
        out.append(
            f"<tr>{fig}<td>{esc(p.label)} <span class='note'>(our rows: {esc(', '.join(p.rows))})</span>"
            + "".join(f'<br><span class="note">{x}</span>' for x in said)
            + f'</td><td class="num">{esc(p.shown)}</td>'
            f'<td class="num"><a href="#{_comparison_anchor(i, c)}">{len(c.people)} of {c.denominator}</a> '
            f'({ours})</td><td class="num">{pp(c.difference)}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def _comparison_anchor(i: int, c: Comparison) -> str:
    if len(c.published.rows) == 1:
        try:
            return row_anchor(c.figure, c.figure.row(c.published.rows[0]))
        except KeyError:
            pass
    return f"cmp-{i}"


def _evidence_line(ev: Evidence) -> str:
    value = ", ".join(map(str, ev.value)) if isinstance(ev.value, list) else ev.value
    where = esc(ev.file or ev.sha256[:12])
    doc = f'<code title="sha256 {esc(ev.sha256)}">{where}</code> ({esc(ev.doc_type or "?")}, {esc(ev.sha256[:12])})'
    span = "no span" if ev.page is None else f"p. {ev.page}, characters {ev.start}–{ev.end}"
    text = " ".join((ev.text or "").split())
    quote = f" <q title='{esc(text)}'>{esc(_short(text, QUOTE_CHARS))}</q>" if text else ""
    return f'<span class="ev"><b>{esc(ev.field)}</b> = {esc(value)}: {doc}, {span}{quote}</span>'


def people_table(report: Report, keys: Iterable[PersonKey], figure: Figure) -> str:
    keys = list(keys)
    if not keys:
        return '<p class="none">No defendant.</p>'
    out = ["<table><tr><th>defendant</th><th>court, case</th>"]
    out += [f"<th>{esc(d)}</th>" for d in figure.details]
    out.append("<th>evidence</th></tr>")
    for key in keys:
        p = report.defendants[key]
        evidence = [e for e in report.evidence.get(key, []) if e.field in figure.fields and e.chosen]
        shown = "".join(_evidence_line(e) for e in evidence) or _no_evidence(report, p)
        out.append(
            f'<tr><td><a href="#{person_anchor(key)}">{esc(p.name)}</a></td>'
            f"<td>{esc(p.court_id or '?')} {esc(p.case_number or '')}</td>"
            + "".join(f"<td>{esc(_cell(p.values.get(d)))}</td>" for d in figure.details)
            + f"<td>{shown}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


def _cell(value) -> str:
    return "–" if value is None else str(value)


def _no_evidence(report: Report, p: Defendant) -> str:
    files = {e.sha256: e.file for e in report.evidence.get(p.key, [])}
    names = ", ".join(files.get(sha) or sha[:12] for sha in p.documents)
    return f'<span class="ev none">no document of the case gives a value (documents: {esc(names)})</span>'


def figure_section(
    report: Report, number: int, figure: Figure, comparisons: list[tuple[int, Comparison]], profile: Profile | None
) -> str:
    counts = (
        f"n = {figure.n} {esc(figure.population)}; shares are of {figure.denominator} "
        f"{esc(figure.denominator_label)}; unknown: "
        + (
            ", ".join(f'{esc(r.label)} <a href="#{row_anchor(figure, r)}">{r.count}</a>' for r in figure.unknowns)
            if figure.unknowns
            else "none (every defendant is in a row)"
        )
    )
    out = [
        f'<section class="figure" id="fig-{figure.id}"><h2>{number}. {esc(figure.title)}</h2>',
        f'<p class="question">{esc(figure.question)}</p>',
        f'<p class="counts">{counts}</p>',
    ]
    if figure.missing:
        out.append(f'<p class="missing">{esc(figure.missing)}</p></section>')
        return "".join(out)
    markers = {c.published.rows[0]: c.published.share for _, c in comparisons if len(c.published.rows) == 1}
    out.append(column_chart(figure) if figure.chart == "columns" else bar_chart(figure, markers))
    if markers and figure.chart != "columns":
        out.append(
            f'<p class="legend">Black ticks: the published figure ({esc(profile.study if profile else "")}).</p>'
        )
    out.append(rows_table(figure))
    if figure.note:
        out.append(f'<p class="note">{esc(figure.note)}</p>')
    if comparisons:
        out.append("<h3>Published figures beside ours</h3>" + compare_table(comparisons, profile, with_figure=False))
    out.append('<div class="lists"><h3>Defendants behind each number</h3>')
    for row in [*figure.rows, *figure.unknowns]:
        if not row.count and row.kind != "unknown":
            out.append(f'<div class="list" id="{row_anchor(figure, row)}"><h4>{esc(row.label)}: none</h4></div>')
            continue
        out.append(
            f'<div class="list" id="{row_anchor(figure, row)}"><h4>{esc(row.label)}: {row.count} '
            f"defendant{'s' if row.count != 1 else ''}</h4>{people_table(report, row.people, figure)}</div>"
        )
    for i, c in comparisons:
        if _comparison_anchor(i, c) == f"cmp-{i}":
            out.append(
                f'<div class="list" id="cmp-{i}"><h4>{esc(c.published.label)} (rows '
                f"{esc(', '.join(c.published.rows))}): {len(c.people)} defendants</h4>"
                f"{people_table(report, c.people, c.figure)}</div>"
            )
    out.append("</div></section>")
    return "".join(out)


def defendant_article(report: Report, p: Defendant) -> str:
    obj = defendant_object(p.values)
    summary = {k: v for k, v in obj.items() if k not in ("court_id", "case_number", "defendant", "documents")}
    facts = "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else _cell(v))}"
        "</td></tr>"
        for k, v in summary.items()
    )
    evidence = report.evidence.get(p.key, [])
    ev_rows = "".join(
        f"<tr><td>{'chosen' if e.chosen else 'also said'}</td><td>{_evidence_line(e)}</td></tr>" for e in evidence
    )
    court = f"{esc(p.court_id or '?')}" + (f" ({esc(p.court)})" if p.court else "")
    return (
        f'<article class="defendant" id="{person_anchor(p.key)}"><h3>{esc(p.name)}</h3>'
        f"<p>{court}, case {esc(p.case_number or '?')}; {len(p.documents)} document"
        f"{'s' if len(p.documents) != 1 else ''}</p>"
        f"<table>{facts}</table>"
        + (f"<table><tr><th></th><th>evidence</th></tr>{ev_rows}</table>" if ev_rows else "")
        + "</article>"
    )


# --- the page -------------------------------------------------------------------------------------------------


def render(report: Report, title: str, profile: Profile | None = None, comparisons: list[Comparison] = ()) -> str:
    """The report as one HTML page."""
    numbered = list(enumerate(comparisons, 1))
    by_figure: dict[str, list[tuple[int, Comparison]]] = {}
    for i, c in numbered:
        by_figure.setdefault(c.figure.id, []).append((i, c))
    n = len(report.defendants)
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
    )
    out = [
        head,
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="meta">{report.documents} documents processed ({report.failed} failed), {report.cases} cases, '
        f'<a href="#defendants">{n} defendants in cases</a>. Each figure counts defendants in cases (a person in '
        "one case); each number links to the defendants behind it and the evidence (document, page, characters) "
        "of their values. Corrections by annotators are applied.</p>",
        "<nav><ul>",
    ]
    if comparisons:
        out.append(f'<li><a href="#comparison">Compared with {esc(profile.study if profile else "")}</a></li>')
    out += [f'<li><a href="#fig-{f.id}">{i}. {esc(f.title)}</a></li>' for i, f in enumerate(report.figures, 1)]
    out.append('<li><a href="#defendants">Defendants and their evidence</a></li></ul></nav></header>')
    if comparisons:
        out.append(
            f'<section id="comparison"><h2>Compared with {esc(profile.study if profile else "")}</h2>'
            f'<p class="source">Published figures: {esc(profile.source if profile else "")} (profile '
            f"<code>{esc(Path(profile.path).name if profile else '')}</code>). Difference: ours minus the "
            "study's, in percentage points; how each published number was read is noted in its figure.</p>"
            + compare_table(numbered, profile, with_figure=True)
            + "</section>"
        )
    for number, figure in enumerate(report.figures, 1):
        out.append(figure_section(report, number, figure, by_figure.get(figure.id, []), profile))
    out.append('<section id="defendants"><h2>Defendants and their evidence</h2>')
    out += [defendant_article(report, p) for p in report.defendants.values()]
    if not report.defendants:
        out.append('<p class="none">The dataset has no defendant in a case yet.</p>')
    out.append("</section></body></html>\n")
    return "".join(out)


def build(conn, profile: Profile | None = None) -> tuple[Report, list[Comparison]]:
    """The report's figures over the dataset, and the profile's numbers beside them."""
    from expediente.casedata.compare import compare
    from expediente.casedata.figures import build_report

    report = build_report(conn)
    return report, (compare(profile, report.figures) if profile else [])
