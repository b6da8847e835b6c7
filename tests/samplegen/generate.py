"""Generate the embedded sample corpus: fictional federal filings and their known truth.

    python -m tests.samplegen.generate [--out DIR] [--seed N] [--truth PATH]

Every name, case number and fact is invented. The output is byte-deterministic for a given seed
(reportlab ``invariant=1``, fixed metadata, seeded noise), so the SHA-256 in truth.jsonl is stable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from tests.samplegen import docs_casd, docs_east, docs_south, docs_texas
from tests.samplegen.common import Doc
from tests.samplegen.layout import lay_out, strip_markup
from tests.samplegen.render import TTF, pdf_measure, render_pdf, render_png, render_text

HERE = Path(__file__).resolve().parents[2] / "corpus" / "sample"  # the generated corpus lives beside the reading code
DEFAULT_OUT = HERE / "docs"
DEFAULT_TRUTH = HERE / "truth.jsonl"
DEFAULT_SEED = 20240611

# Every word of violence in a generated file must be marked up, so the truth lists all of them.
VIOLENCE_WORDS = re.compile(
    r"\b(murder\w*|kill\w*|kidnap\w*|tortur\w*|hostage\w*|assault\w*|threat\w*|extort\w*|rap(e|ed)\b|"
    r"disappear\w*|behead\w*|shot|shoot\w*|violen\w*)",
    re.IGNORECASE,
)


class TruthIncomplete(AssertionError):
    """A generated file contains a violence word that the truth does not list."""


def all_docs(seed: int) -> list[Doc]:
    docs: list[Doc] = []
    for module in (docs_casd, docs_texas, docs_south, docs_east):
        docs += module.build(seed)
    names = [d.file for d in docs]
    if len(set(names)) != len(names):
        raise ValueError("duplicate sample file names")
    return docs


def _check_marked(doc: Doc, texts: list[str], mentions) -> None:
    found = sum(len(VIOLENCE_WORDS.findall(t)) for t in texts)
    marked = sum(len(VIOLENCE_WORDS.findall(m.text)) for m in mentions if m.kind == "violence")
    if found != marked:
        words = [m.group(0) for t in texts for m in VIOLENCE_WORDS.finditer(t)]
        raise TruthIncomplete(f"{doc.file}: {found} violence words in text {words}, {marked} marked up")


def _mentions(mentions) -> tuple[list[dict], list[dict]]:
    violence, victims = [], []
    for m in mentions:
        item = {"text": m.text, "label": m.label, "page": m.page, "start": None, "end": None}
        (violence if m.kind == "violence" else victims).append(item)
    return violence, victims


def render(doc: Doc) -> tuple[bytes, int]:
    """Bytes of the file and its page count; fills the doc's mention truth."""
    if doc.fmt == "html":
        plain, spans = strip_markup(doc.html)
        from tests.samplegen.layout import Mention

        mentions = [Mention(k, lab, plain[s:e], 1) for k, lab, s, e in spans]
        text = re.sub(r"<[^>]+>", " ", plain)
        _check_marked(doc, [text], mentions)
        doc.truth["violent_crime_mentions"], doc.truth["victims"] = _mentions(mentions)
        return plain.encode("utf-8"), 1
    measure = TTF if doc.fmt in ("scan", "png") else pdf_measure
    laid = lay_out(doc.blocks, doc.style, measure)
    _check_marked(doc, laid.page_texts, laid.mentions)
    doc.truth["violent_crime_mentions"], doc.truth["victims"] = _mentions(laid.mentions)
    n = len(laid.pages)
    if doc.fmt == "pdf":
        data = render_pdf(laid.pages, doc.file, set(), doc.seed)
    elif doc.fmt == "scan":
        data = render_pdf(laid.pages, doc.file, set(range(1, n + 1)), doc.seed)
    elif doc.fmt == "mixed":
        if not doc.scanned_pages or max(doc.scanned_pages) > n or len(doc.scanned_pages) >= n:
            raise ValueError(f"{doc.file}: scanned pages {sorted(doc.scanned_pages)} do not fit {n} pages")
        data = render_pdf(laid.pages, doc.file, doc.scanned_pages, doc.seed)
    elif doc.fmt == "png":
        if n != 1:
            raise ValueError(f"{doc.file}: an image filing must be one page, laid out as {n}")
        data = render_png(laid.pages[0], doc.seed)
    elif doc.fmt == "txt":
        data = render_text(laid.page_texts)
    else:
        raise ValueError(f"{doc.file}: unknown format {doc.fmt}")
    return data, n


def generate(out: Path, seed: int = DEFAULT_SEED) -> list[dict]:
    """Write every sample file into ``out`` and return the truth rows (with sha256 and page counts)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, doc in enumerate(all_docs(seed)):
        doc.seed = seed + i
        data, pages = render(doc)
        (out / doc.file).write_bytes(data)
        truth = dict(doc.truth)
        truth["file"] = doc.file
        truth["sha256"] = hashlib.sha256(data).hexdigest()
        rows.append({"truth": truth, "pages": pages, "bytes": len(data), "fmt": doc.fmt, "note": doc.note})
    return rows


def write_truth(rows: list[dict], path: Path) -> None:
    lines = [json.dumps(r["truth"], ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.samplegen.generate", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the generated files")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument(
        "--truth",
        type=Path,
        default=None,
        help="where to write truth.jsonl (default: beside --out's parent when --out is the default)",
    )
    args = ap.parse_args(argv)
    rows = generate(args.out, args.seed)
    truth_path = args.truth or (DEFAULT_TRUTH if args.out.resolve() == DEFAULT_OUT else args.out / "truth.jsonl")
    write_truth(rows, truth_path)
    total_pages = sum(r["pages"] for r in rows)
    total_bytes = sum(r["bytes"] for r in rows)
    for r in rows:
        print(f"{r['truth']['file']:<58} {r['fmt']:<6} {r['pages']:>3} pp {r['bytes'] / 1024:>8.1f} KB")
    print(f"{len(rows)} files, {total_pages} pages, {total_bytes / 1e6:.2f} MB -> {args.out}; truth: {truth_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
