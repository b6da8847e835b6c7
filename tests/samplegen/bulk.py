"""A bulk corpus for the benchmark (flows/bench.py): thousands of fictional filings, ~20 pages each on average.

    python -m tests.samplegen.bulk --docs 100 [--root out/bench-corpus] [--seed N]

Document ``i`` is the same for every size asked (its own seeded generator), so the 100-document corpus is the
first 100 of the 2,000-document one. Most are born-digital PDFs (an ECF-stamped filing: caption, counts with
statute citations, then paragraphs drawn from the sample corpus's own text); one in twenty is a plain-text
filing and one in twenty an HTML docket. Names, case numbers, courts, dates and page counts vary, so no two
documents share a SHA-256. Files are generated once into ``ROOT/pool`` (in parallel, one process per core)
and hard-linked into ``ROOT/docs-N`` for each size; nothing here is committed (``out/`` is ignored).
Every name and case number is invented.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path

from tests.samplegen.common import COURTS, Cite, cite_text, combine, ecf_header, footer
from tests.samplegen.generate import DEFAULT_SEED, all_docs
from tests.samplegen.layout import P, Space, Style, lay_out, strip_markup
from tests.samplegen.render import pdf_measure, render_pdf, render_text

VERSION = 2  # bump when the documents change: a pool made by another version is generated again
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "out" / "bench-corpus"
CHARS_PER_PAGE = 3100  # what a page of justified 12-point serif holds, roughly
GIVEN = [
    "Abelardo",
    "Adriana",
    "Alicia",
    "Armando",
    "Beatriz",
    "Benito",
    "Camila",
    "Cristóbal",
    "Dolores",
    "Efraín",
    "Elena",
    "Esteban",
    "Fabiola",
    "Fernando",
    "Gilberto",
    "Graciela",
    "Héctor",
    "Ignacio",
    "Inés",
    "Joaquín",
    "Julieta",
    "Leonel",
    "Lorena",
    "Marisol",
    "Mauricio",
    "Nayeli",
    "Octavio",
    "Paloma",
    "Rigoberto",
    "Rosalba",
    "Salvador",
    "Soledad",
    "Teodoro",
    "Valeria",
    "Wendell",
    "Ximena",
    "Yolanda",
    "Zacarías",
]
SURNAMES = [
    "Aguirre",
    "Alvarado",
    "Arellano",
    "Barrera",
    "Bermúdez",
    "Cárdenas",
    "Castañeda",
    "Cervantes",
    "Delgado",
    "Echeverría",
    "Espinoza",
    "Figueroa",
    "Galindo",
    "Guerrero",
    "Ibarra",
    "Jaramillo",
    "Ledesma",
    "Maldonado",
    "Montoya",
    "Navarro",
    "Ochoa",
    "Orozco",
    "Palacios",
    "Quintero",
    "Rentería",
    "Salazar",
    "Sandoval",
    "Tamayo",
    "Trujillo",
    "Urías",
    "Valenzuela",
    "Villarreal",
    "Zamora",
    "Zepeda",
]
JUDGES = ("CAB", "MSB", "DMF", "SPL", "KC", "JLR", "AGT", "RWS", "PKC", "BMC")
TITLES = (
    "INDICTMENT",
    "SUPERSEDING INDICTMENT",
    "INFORMATION",
    "PLEA AGREEMENT",
    "GOVERNMENT'S SENTENCING MEMORANDUM",
    "MOTION TO SUPPRESS EVIDENCE",
    "GOVERNMENT'S RESPONSE IN OPPOSITION",
)
OFFENSES = (
    (
        Cite("21", ("952", "960", "963")),
        "conspire to import five kilograms and more of a mixture and substance "
        "containing a detectable amount of cocaine, a Schedule II Controlled Substance, into the United States",
    ),
    (
        Cite("21", ("841(a)(1)", "846")),
        "conspire to distribute and possess with intent to distribute 400 grams "
        "and more of a mixture and substance containing a detectable amount of fentanyl",
    ),
    (
        Cite("8", ("1326(a)", "1326(b)")),
        "enter the United States, having been removed from it, without "
        "the consent of the Attorney General or of the Secretary of Homeland Security",
    ),
    (
        Cite("18", ("1956(h)",)),
        "conspire to conduct financial transactions involving the proceeds of "
        "unlawful activity, namely the felonious importation and distribution of controlled substances",
    ),
    (Cite("18", ("924(c)(1)(A)",)), "possess a firearm in furtherance of a drug trafficking crime"),
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CITE_STYLES = ("usc", "usc_short", "title", "bare")


def _pieces() -> list[str]:
    """Paragraphs of the sample corpus's filings (markup stripped), the padding of every bulk document."""
    out = []
    for doc in all_docs(DEFAULT_SEED):
        for block in doc.blocks:
            if isinstance(block, P):
                text = strip_markup(block.text)[0]
                if len(text) >= 200 and "\n" not in text:
                    out.append(text)
    return out


_PIECES: list[str] = []


def pieces() -> list[str]:
    if not _PIECES:
        _PIECES.extend(_pieces())
    return _PIECES


def _name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        surname += "-" + rng.choice(SURNAMES)
    return f"{rng.choice(GIVEN)} {surname}"


def _date(rng: random.Random, year: int) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"


def kind_of(index: int) -> str:
    return {7: "txt", 13: "html"}.get(index % 20, "pdf")


def build(index: int, seed: int = DEFAULT_SEED) -> tuple[str, bytes, int]:
    """Document ``index``: its file name, bytes and page count."""
    rng = random.Random(f"{seed}:bulk:{index}")
    court = rng.choice(sorted(COURTS))
    district = COURTS[court].split(" for the ", 1)[1]
    year = rng.randint(2008, 2024)
    case = f"{rng.randint(1, 4)}:{year % 100:02d}-cr-{100 + index:05d}-{rng.choice(JUDGES)}"
    defendants = [_name(rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    kind = kind_of(index)
    stem = f"{index:05d}_{court}_{case.split(':')[1].rsplit('-', 1)[0]}"
    if kind == "html":
        return f"{stem}_docket.html", _docket(rng, court, district, case, defendants, year).encode("utf-8"), 1
    title = rng.choice(TITLES)
    filed = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{year % 100:02d}"
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0),
        P(district.upper(), align="center", font="serif-bold", after=14),
        P("UNITED STATES OF AMERICA,", after=0),
        P("Plaintiff,", indent=120, after=6),
        P("v.", indent=60, after=6),
        P(", ".join(d.upper() for d in defendants) + ",", after=0),
        P("Defendants." if len(defendants) > 1 else "Defendant.", indent=120, after=10),
        P(f"Case No. {case}", align="right", font="serif-bold", after=10),
        P(title, align="center", font="serif-bold", after=12),
    ]
    for number, (cite, conduct) in enumerate(rng.sample(OFFENSES, rng.randint(1, 4)), start=1):
        who = rng.choice(defendants).upper()
        blocks += [
            P(f"COUNT {number}", align="center", font="serif-bold", after=4),
            P(
                f"Beginning on a date unknown and continuing up to and including {_date(rng, year)}, within the "
                f"{district} and elsewhere, defendant {who} did knowingly and intentionally {conduct}; in "
                f"violation of {cite_text(cite, rng.choice(CITE_STYLES))}.",
                first=36,
                after=8,
            ),
        ]
    target = rng.randint(4, 36) * CHARS_PER_PAGE  # pages: 4 to 36, 20 on average
    size = 0
    while size < target:
        text = rng.choice(pieces())
        blocks.append(P(text, align="justify", first=36, after=8))
        size += len(text)
    blocks += [
        Space(18),
        P(f"Dated: {_date(rng, year)}", after=12),
        P("Respectfully submitted,", indent=250, after=0),
        P(f"{_name(rng).upper()}, Assistant United States Attorney", indent=250, after=0),
    ]
    style = Style(chrome=combine(ecf_header(case, rng.randint(1, 400), filed), footer(title.title())))
    laid = lay_out(blocks, style, pdf_measure)
    if kind == "txt":
        return f"{stem}_{_slug(title)}.txt", render_text(laid.page_texts), len(laid.pages)
    return f"{stem}_{_slug(title)}.pdf", render_pdf(laid.pages, title, set(), seed + index), len(laid.pages)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z]+", "_", title.lower()).strip("_")


def _docket(rng: random.Random, court: str, district: str, case: str, defendants: list[str], year: int) -> str:
    entries = []
    for number in range(1, rng.randint(12, 60)):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        text = rng.choice(
            (
                f"INDICTMENT as to {rng.choice(defendants)} (1) count(s) 1, 2.",
                f"ORDER OF DETENTION PENDING TRIAL as to {rng.choice(defendants)}. Signed by Judge {_name(rng)}.",
                f"Minute Entry for proceedings held: ARRAIGNMENT as to {rng.choice(defendants)}; plea of not guilty.",
                f"MOTION to Continue Trial by {rng.choice(defendants)}.",
                f"JUDGMENT as to {rng.choice(defendants)}: Bureau of Prisons for {rng.randint(12, 240)} months.",
            )
        )
        entries.append(f"<tr><td>{month:02d}/{day:02d}/{year}</td><td>{number}</td><td>{escape(text)}</td></tr>")
    parties = "".join(f"<tr><td><b>{escape(d)} ({i})</b></td></tr>" for i, d in enumerate(defendants, start=1))
    return (
        f"<html><head><title>CM/ECF - {court}</title></head><body><div id='cmecfMainContent'>"
        f"<h3 align=center>U.S. District Court<br>{escape(district.upper())}<br>"
        f"CRIMINAL DOCKET FOR CASE #: {case}</h3>"
        f"<table><tr><td>Case title: USA v. {escape(defendants[0].split()[-1])}</td>"
        f"<td>Date Filed: {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{year}</td></tr></table>"
        f"<table>{parties}</table><table border=1><tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr>"
        + "".join(entries)
        + "</table></div></body></html>\n"
    )


def _write(args: tuple[Path, int, int]) -> dict:
    folder, index, seed = args
    name, data, pages = build(index, seed)
    (folder / name).write_bytes(data)
    return {"index": index, "file": name, "kind": kind_of(index), "pages": pages, "bytes": len(data)}


def generate(docs: int, root: Path = DEFAULT_ROOT, seed: int = DEFAULT_SEED, log=print) -> tuple[Path, list[dict]]:
    """The folder ``root/docs-N`` holding the first ``docs`` bulk documents (generated once), and their rows."""
    pool = root / "pool"
    manifest = pool / "manifest.json"
    rows: list[dict] = []
    if manifest.exists():
        saved = json.loads(manifest.read_text(encoding="utf-8"))
        if saved.get("version") == VERSION and saved.get("seed") == seed:
            rows = [r for r in saved["rows"] if (pool / r["file"]).exists()]
    if not rows or len({r["index"] for r in rows}) != len(rows):
        for stale in [pool, *root.glob("docs-*")]:  # made by another version, or damaged
            shutil.rmtree(stale, ignore_errors=True)
        rows = []
    have = {r["index"] for r in rows}
    missing = [i for i in range(docs) if i not in have]
    if missing:
        pool.mkdir(parents=True, exist_ok=True)
        log(f"generating {len(missing)} bulk documents into {pool} (once; reused by later runs)")
        jobs = [(pool, i, seed) for i in missing]
        if len(missing) < 20:
            rows += [_write(job) for job in jobs]
        else:
            with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as executor:
                rows += list(executor.map(_write, jobs, chunksize=8))
        rows.sort(key=lambda r: r["index"])
        manifest.write_text(json.dumps({"version": VERSION, "seed": seed, "rows": rows}), encoding="utf-8")
    chosen = [r for r in rows if r["index"] < docs]
    folder = root / f"docs-{docs}"
    if not folder.exists() or {p.name for p in folder.iterdir()} != {r["file"] for r in chosen}:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for r in chosen:
            try:
                os.link(pool / r["file"], folder / r["file"])
            except OSError:
                shutil.copyfile(pool / r["file"], folder / r["file"])
    return folder, chosen


def scans(pages: int, root: Path = DEFAULT_ROOT, per_document: int = 6, dpi: int = 200) -> tuple[Path, list[dict]]:
    """The folder ``root/scans-N``: image-only PDFs of ``pages`` pages in all, ``per_document`` each, made by
    rendering the first bulk PDFs' pages in grey at ``dpi``, as a scanner would (generated once)."""
    import pypdfium2 as pdfium

    folder = root / f"scans-{pages}"
    manifest = root / f"scans-{pages}.json"  # beside the folder: `process` reads every file in it
    if manifest.exists() and folder.is_dir():
        return folder, json.loads(manifest.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pool, rows = generate(max(1, -(-pages // per_document)) * 3, root)  # enough PDFs of enough pages
    made: list[dict] = []
    for row in (r for r in rows if r["kind"] == "pdf" and r["pages"] >= per_document):
        left = pages - sum(r["pages"] for r in made)
        if left <= 0:
            break
        pdf = pdfium.PdfDocument(pool / row["file"])
        images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(min(per_document, left))]
        pdf.close()
        name = row["file"].replace(".pdf", ".scanned.pdf")
        images[0].save(folder / name, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
        made.append({"file": name, "kind": "pdf", "pages": len(images)})
    manifest.write_text(json.dumps(made), encoding="utf-8")
    return folder, made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.samplegen.bulk", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    folder, rows = generate(args.docs, args.root, args.seed)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("pdf", "txt", "html")}
    pages = sum(r["pages"] for r in rows)
    print(f"{len(rows)} documents ({kinds}), {pages} pages, {sum(r['bytes'] for r in rows) / 1e6:.1f} MB -> {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
