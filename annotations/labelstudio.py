"""Label Studio interop: the labelling config, tasks with the machine's items as predictions, and the import of
Label Studio's JSON export as corrections.

Everything is derived from the field registry (``extractors.fields.registry()``):

- span labels (one ``<Labels name="span">`` control over the page ``<Text name="text">``): one label
  ``field:value`` per value of a mentions field with a vocabulary (``victims:minor``), one label ``field`` for
  a mentions field without one (``drugs``, whose value is the selected text), and one label per structured
  kind with evidence: defendants, counts, statutes (the value is the selected text);
- one ``<Choices name="<field>">`` per single field with a vocabulary (``doc_type``, ``custody``, ``plea``).

A task is one page of a document: ``data`` holds the page's original text (``pages.text``; the offsets of
every result point into it), ``sha256``, ``file``, ``page``, ``title`` and ``items`` (each result id -> the
item's field and key, :mod:`casedata.keys`). Its ``predictions`` hold the machine's items on that page as
span results and, on page 1, the single fields as choices; each result's ``id`` is a hash of (document,
field, key), and ``data.items`` maps it back.

Importing an export (:func:`import_export`) turns each annotation into corrections (``add_correction``):
a predicted span kept -> accept; removed -> reject; relabelled within its field -> set (the new label), to
another field or moved (a mention's position is its value) -> reject + add; a new span -> add with its page
and offsets; a page-1 choice equal to the prediction -> accept, different -> set, removed -> reject. Only
choices of page-1 tasks are read. A decision identical to its author's latest live one is skipped, so an
export imported twice writes nothing the second time. The export is checked whole before anything is
written; a decision that cannot be made (a selected text that is no count label...) is skipped and named in
the summary's ``problems``.

Label Studio counts characters in UTF-16 code units (JavaScript strings): offsets are converted both ways
where a page holds characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from expediente.casedata.corrections import Correction, add_corrections, selected_text, validate
from expediente.casedata.errors import CorrectionError
from expediente.extractors.fields import COUNTS, DEFENDANTS, MENTIONS, SINGLE, STATUTES, Field, registry

TEXT = "text"  # the <Text> object's name
SPANS = "span"  # the <Labels> control's name
LIVE = "undone_at IS NULL"


class LabelStudioError(CorrectionError):
    """A Label Studio export that cannot be imported: not Label Studio's JSON export of these tasks, or a task
    naming a document that is not in the dataset (exit code CORRECTION). Nothing is written."""

    reason = "labelstudio"


# --- what is labelled, from the registry ---------------------------------------------------------------


def span_fields() -> tuple[Field, ...]:
    """The fields labelled as spans of a page: mentions fields, defendants, counts and statutes."""
    return registry().of_kind(MENTIONS, DEFENDANTS, COUNTS, STATUTES)


def choice_fields() -> tuple[Field, ...]:
    """The single fields labelled as a choice of their vocabulary."""
    return tuple(f for f in registry().of_kind(SINGLE) if f.vocabulary)


def _labelled_by_vocabulary(f: Field) -> bool:
    return f.kind == MENTIONS and bool(f.vocabulary)


def span_label(f: Field, value: str | None) -> str:
    """A span's Label Studio label: ``field:value`` for a field with a vocabulary, else the field's name."""
    return f"{f.name}:{value}" if _labelled_by_vocabulary(f) else f.name


def span_labels() -> list[str]:
    """Every span label of the config, in registry order."""
    out = []
    for f in span_fields():
        out += [span_label(f, v) for v in f.vocabulary] if _labelled_by_vocabulary(f) else [span_label(f, None)]
    return out


def parse_label(label: str) -> tuple[Field, str | None] | None:
    """The field and value (None: the selected text) a span label stands for, or None when it is not ours."""
    name, _, value = label.partition(":")
    f = next((f for f in span_fields() if f.name == name), None)
    if f is None:
        return None
    if _labelled_by_vocabulary(f):
        return (f, value) if value in f.vocabulary else None
    return (f, None) if not value else None


def _colour(name: str) -> str:
    digest = hashlib.sha256(name.encode()).digest()
    return "#" + "".join(f"{96 + b % 144:02x}" for b in digest[:3])


def labelling_config() -> str:
    """The Label Studio labelling config (XML): span labels over the page text, and one set of choices per
    single field with a vocabulary (read on page 1 of each document)."""
    lines = ["<View>", '  <Header value="$title"/>', f"  <Labels name={quoteattr(SPANS)} toName={quoteattr(TEXT)}>"]
    for f in span_fields():
        for label in [span_label(f, v) for v in f.vocabulary] if _labelled_by_vocabulary(f) else [f.name]:
            lines.append(f"    <Label value={quoteattr(label)} background={quoteattr(_colour(f.name))}/>")
    lines += ["  </Labels>", f'  <Text name={quoteattr(TEXT)} value="$text" granularity="symbol"/>']
    if choice_fields():
        lines.append('  <Header value="Document (read on page 1 only)" size="5"/>')
    for f in choice_fields():
        lines.append(f'  <Header value={quoteattr(f.title)} size="6"/>')
        lines.append(f'  <Choices name={quoteattr(f.name)} toName={quoteattr(TEXT)} choice="single" showInline="true">')
        lines += [f"    <Choice value={quoteattr(v)}/>" for v in f.vocabulary]
        lines.append("  </Choices>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# --- offsets: Python characters <-> JavaScript UTF-16 code units ------------------------------------------


def _wide(text: str) -> bool:
    return any(ord(c) > 0xFFFF for c in text)


def to_js(text: str, offset: int) -> int:
    return offset + sum(1 for c in text[:offset] if ord(c) > 0xFFFF) if _wide(text) else offset


def from_js(text: str, offset: int) -> int:
    if not _wide(text):
        return offset
    units = 0
    for i, c in enumerate(text):
        if units >= offset:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text)


# --- export -------------------------------------------------------------------------------------------


def result_id(sha256: str, field_name: str, item_key: str) -> str:
    """A prediction result's id: the same for the same item of the same document, export after export."""
    return hashlib.sha256(f"{sha256}|{field_name}|{item_key}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class _Predicted:
    id: str
    field: Field
    key: str
    value: str | None
    start: int | None = None  # Python offsets into the page text (spans)
    end: int | None = None


def _predictions(conn: sqlite3.Connection, sha256: str) -> dict[int, list[_Predicted]]:
    """The machine items of a document by the page they are predicted on: its spans on their pages, and the
    choice fields' values on page 1 (the document's items read once)."""
    by_name = {f.name: f for f in (*span_fields(), *choice_fields())}
    rows = conn.execute(
        """SELECT field, item_key, value, page, start, "end" FROM review_items WHERE sha256 = ? ORDER BY id""",
        (sha256,),
    ).fetchall()
    out: dict[int, list[_Predicted]] = {}
    for r in rows:
        f = by_name.get(r["field"])
        if f is None:
            continue
        pid = result_id(sha256, f.name, r["item_key"])
        if f.kind == SINGLE:
            if r["value"] is not None:
                out.setdefault(1, []).append(_Predicted(pid, f, r["item_key"], r["value"]))
        elif r["page"] is not None and r["start"] is not None and r["end"] is not None and r["end"] > r["start"]:
            out.setdefault(r["page"], []).append(_Predicted(pid, f, r["item_key"], r["value"], r["start"], r["end"]))
    return out


def _result(p: _Predicted, page_text: str) -> dict:
    if p.field.kind == SINGLE:
        return {
            "id": p.id,
            "from_name": p.field.name,
            "to_name": TEXT,
            "type": "choices",
            "value": {"choices": [p.value]},
        }
    return {
        "id": p.id,
        "from_name": SPANS,
        "to_name": TEXT,
        "type": "labels",
        "value": {
            "start": to_js(page_text, p.start),
            "end": to_js(page_text, p.end),
            "text": page_text[p.start : p.end],
            "labels": [span_label(p.field, p.value)],
        },
    }


def export_tasks(conn: sqlite3.Connection, documents: list[str] | None = None) -> list[dict]:
    """Label Studio tasks (import them as a JSON file into a project set up with :func:`labelling_config`):
    one per page with text of each document of ``documents`` (SHA-256s; default: every processed document),
    in file order, with the machine's items on that page as ``predictions`` (``model_version``: the pipeline
    version that extracted the document)."""
    if documents is None:
        docs = conn.execute("SELECT * FROM documents WHERE status = 'done' ORDER BY file, sha256").fetchall()
    else:
        docs = [_document(conn, sha) for sha in documents]
    tasks = []
    for doc in docs:
        sha = doc["sha256"]
        pages = conn.execute(
            "SELECT number, text FROM pages WHERE sha256 = ? AND text IS NOT NULL ORDER BY number", (sha,)
        ).fetchall()
        on_page = _predictions(conn, sha)
        for page in pages:
            text, number = page["text"], page["number"]
            predicted = on_page.get(number, [])
            tasks.append(
                {
                    "data": {
                        TEXT: text,
                        "sha256": sha,
                        "file": doc["file"],
                        "page": number,
                        "title": f"{doc['file']}, page {number} of {len(pages)}",
                        "items": {p.id: {"field": p.field.name, "key": p.key} for p in predicted},
                    },
                    "predictions": [
                        {"model_version": doc["pipeline_version"], "result": [_result(p, text) for p in predicted]}
                    ],
                }
            )
    return tasks


def _document(conn: sqlite3.Connection, sha256: str) -> sqlite3.Row:
    doc = conn.execute("SELECT * FROM documents WHERE sha256 = ? AND status = 'done'", (sha256,)).fetchone()
    if doc is None:
        raise LabelStudioError(f"no extracted document with sha256 {sha256} in the dataset: process it first")
    return doc


# --- import -------------------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import did: corrections written by action, decisions skipped as already recorded, decisions
    that could not be made (each named), and the annotators."""

    tasks: int = 0
    annotations: int = 0
    written: Counter = field(default_factory=Counter)  # action -> corrections written
    unchanged: int = 0  # decisions identical to their author's latest live one (an export imported again)
    problems: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.written.values())


def author_of(annotation: dict, default_author: str) -> str:
    """The annotator of an annotation: the email of ``completed_by`` (an object in some exports), else of
    ``created_username`` ("email, id"), else ``label-studio:<id>``, else ``default_author``."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        if who.get("email"):
            return str(who["email"])
        who = who.get("id")
    named = str(annotation.get("created_username") or "").split(",")[0].strip()
    if named:
        return named
    if who is not None and str(who).strip():
        return f"label-studio:{who}"
    return default_author


def _fail(where: str, what: str) -> LabelStudioError:
    return LabelStudioError(f"{where}: {what} (export the project as 'JSON' from Label Studio, not 'JSON-MIN')")


def _check_task(conn: sqlite3.Connection, i: int, task) -> None:
    where = f"task {i + 1}"
    if not isinstance(task, dict):
        raise _fail(where, f"a task is an object, found {type(task).__name__}")
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), str) or not isinstance(data.get("page"), int):
        raise _fail(where, "its 'data' lacks 'sha256' and 'page': it is not a task `review export-labelstudio` wrote")
    if not isinstance(task.get("annotations"), list):
        raise _fail(where, "it has no 'annotations' list")
    if (
        conn.execute("SELECT 1 FROM documents WHERE sha256 = ? AND status = 'done'", (data["sha256"],)).fetchone()
        is None
    ):
        raise LabelStudioError(
            f"{where} ({data.get('file', '?')}, page {data['page']}): no extracted document with sha256 "
            f"{data['sha256']} in this dataset: import into the dataset the tasks were exported from"
        )
    page = conn.execute("SELECT 1 FROM pages WHERE sha256 = ? AND number = ?", (data["sha256"], data["page"]))
    if page.fetchone() is None:
        raise LabelStudioError(f"{where} ({data.get('file', '?')}): the document has no page {data['page']}")
    for j, ann in enumerate(task["annotations"]):
        if not isinstance(ann, dict) or not isinstance(ann.get("result"), list):
            raise _fail(f"{where}, annotation {j + 1}", "an annotation is an object with a 'result' list")
        for k, r in enumerate(ann["result"]):
            if not isinstance(r, dict) or not isinstance(r.get("value"), dict) or "type" not in r:
                raise _fail(f"{where}, annotation {j + 1}, result {k + 1}", "a result has 'type' and 'value'")


@dataclass(frozen=True)
class _Region:
    """A span of an annotation, in Python offsets into the page text."""

    id: str | None
    labels: tuple[str, ...]
    start: int
    end: int


def _regions(results: list[dict], page_text: str) -> list[_Region]:
    out = []
    for r in results:
        if r.get("type") != "labels" or r.get("from_name", SPANS) != SPANS:
            continue
        v = r["value"]
        if not isinstance(v.get("start"), int) or not isinstance(v.get("end"), int):
            continue
        start, end = from_js(page_text, v["start"]), from_js(page_text, v["end"])
        out.append(_Region(r.get("id"), tuple(v.get("labels") or ()), start, end))
    return out


def _choices(results: list[dict]) -> dict[str, str | None]:
    out = {}
    for r in results:
        if r.get("type") == "choices" and r.get("from_name"):
            picked = r["value"].get("choices") or []
            out[r["from_name"]] = picked[0] if picked else None
    return out


def _predicted(conn: sqlite3.Connection, task: dict, page_text: str) -> list[_Predicted]:
    """What the annotator was shown: the task's prediction results, tied to items by ``data.items`` (else by
    the ids the dataset gives its items now)."""
    data = task["data"]
    current = {p.id: p for p in _predictions(conn, data["sha256"]).get(data["page"], [])}
    results = [r for p in task.get("predictions") or [] if isinstance(p, dict) for r in p.get("result") or []]
    if not task.get("predictions"):
        return list(current.values())
    items = data.get("items") or {}
    reg = registry()
    out = []
    for r in results:
        rid = r.get("id")
        meta = items.get(rid)
        if isinstance(meta, dict) and meta.get("field") in reg:
            f, key = reg[meta["field"]], str(meta.get("key", ""))
            known = current.get(rid)
            if known is not None:
                out.append(known)
            elif f.kind == SINGLE:
                picked = (r.get("value") or {}).get("choices") or [None]
                out.append(_Predicted(rid, f, key, picked[0]))
            else:
                v = r.get("value") or {}
                start, end = from_js(page_text, v.get("start", 0)), from_js(page_text, v.get("end", 0))
                out.append(_Predicted(rid, f, key, None, start, end))
        elif rid in current:
            out.append(current[rid])
    return out


class _Plan:
    """The corrections of an import, checked and de-duplicated before any is written."""

    def __init__(self, conn: sqlite3.Connection, summary: ImportSummary):
        self.conn, self.summary = conn, summary
        self.corrections: list[Correction] = []
        self.seen: set[tuple] = set()

    def add(self, c: Correction, where: str) -> None:
        try:
            checked = validate(self.conn, c)
            selected_text(self.conn, checked)
        except CorrectionError as exc:
            self.summary.problems.append(f"{where}: {c.action} {c.field} {c.item_key or c.value!r}: {exc}")
            return
        ident = (checked.author, checked.sha256, checked.field, checked.item_key, checked.action, checked.value)
        ident += (checked.page, checked.start, checked.end) if checked.action == "add" else ()
        if ident in self.seen:
            return
        self.seen.add(ident)
        if self._recorded(checked):
            self.summary.unchanged += 1
            return
        self.corrections.append(checked)

    def _recorded(self, c: Correction) -> bool:
        """Whether the author's latest live decision on the item (or an add of theirs) already says this."""
        if c.action == "add":
            row = self.conn.execute(
                f"""SELECT 1 FROM corrections WHERE author = ? AND sha256 = ? AND field = ? AND action = 'add'
                    AND value IS ? AND item_key = ? AND page IS ? AND start IS ? AND "end" IS ? AND {LIVE}""",
                (c.author, c.sha256, c.field, c.value, c.item_key, c.page, c.start, c.end),
            ).fetchone()
            return row is not None
        row = self.conn.execute(
            f"""SELECT action, value FROM corrections WHERE author = ? AND sha256 = ? AND field = ? AND item_key = ?
                AND action != 'add' AND {LIVE} ORDER BY id DESC LIMIT 1""",
            (c.author, c.sha256, c.field, c.item_key),
        ).fetchone()
        if row is None or row["action"] != c.action:
            return False
        return c.action != "set" or row["value"] == c.value


def _new_span(sha: str, page: int, region: _Region, label: str, page_text: str, author: str) -> Correction | str:
    """The ``add`` of a span an annotator labelled, or why it cannot be one."""
    parsed = parse_label(label)
    if parsed is None:
        return f"label {label!r} is not one of the config's labels"
    f, value = parsed
    text = page_text[region.start : region.end]
    if value is None:
        value = " ".join(text.split())
    return Correction(sha, f.name, "add", value, "", author, "label-studio", page, region.start, region.end)


def _decide_spans(plan: _Plan, task: dict, predicted: list[_Predicted], page_text: str, author: str, results):
    data = task["data"]
    sha, page = data["sha256"], data["page"]
    regions = _regions(results, page_text)
    where = f"{data.get('file', sha[:12])} p.{page}"
    spans = [p for p in predicted if p.field.kind != SINGLE]
    by_id = {r.id: r for r in regions if r.id}
    used: set[int] = set()
    for p in spans:
        label = span_label(p.field, p.value)
        region = by_id.get(p.id)
        if region is None:  # a region recreated with another id: the same place, the same label
            region = next((r for r in regions if (r.start, r.end) == (p.start, p.end) and label in r.labels), None)
        if region is None:
            plan.add(Correction(sha, p.field.name, "reject", None, p.key, author, "label-studio"), where)
            continue
        used.add(id(region))
        moved = (region.start, region.end) != (p.start, p.end)
        labels = region.labels or (label,)
        kept = label if label in labels else labels[0]
        others = [lb for lb in labels if lb != kept]
        parsed = parse_label(kept)
        if kept == label and not (moved and p.field.kind == MENTIONS):
            plan.add(Correction(sha, p.field.name, "accept", None, p.key, author, "label-studio"), where)
        elif parsed is not None and parsed[0] == p.field and parsed[1] is not None and not moved:
            plan.add(Correction(sha, p.field.name, "set", parsed[1], p.key, author, "label-studio"), where)
        else:  # another field, or a mention moved: this item is not what is there
            plan.add(Correction(sha, p.field.name, "reject", None, p.key, author, "label-studio"), where)
            others.insert(0, kept)
        for lb in others:
            _plan_new(plan, sha, page, region, lb, page_text, author, where)
    for region in regions:
        if id(region) not in used:
            for lb in region.labels:
                _plan_new(plan, sha, page, region, lb, page_text, author, where)


def _plan_new(plan: _Plan, sha, page, region: _Region, label: str, page_text: str, author: str, where: str):
    c = _new_span(sha, page, region, label, page_text, author)
    if isinstance(c, str):
        plan.summary.problems.append(f"{where}: span {region.start}-{region.end}: {c}")
    else:
        plan.add(c, where)


def _decide_choices(plan: _Plan, task: dict, predicted: list[_Predicted], results: list[dict], author: str):
    data = task["data"]
    if data["page"] != 1:
        return
    sha, where = data["sha256"], f"{data.get('file', data['sha256'][:12])} p.1"
    shown = {p.field.name: p.value for p in predicted if p.field.kind == SINGLE}
    chosen = _choices(results)
    for f in choice_fields():
        before, now = shown.get(f.name), chosen.get(f.name)
        if now == before:
            plan.add(Correction(sha, f.name, "accept", None, "", author, "label-studio"), where)
        elif now is None:
            plan.add(Correction(sha, f.name, "reject", None, "", author, "label-studio"), where)
        else:
            plan.add(Correction(sha, f.name, "set", now, "", author, "label-studio"), where)


def _page_text(conn: sqlite3.Connection, sha256: str, page: int) -> str:
    row = conn.execute("SELECT text FROM pages WHERE sha256 = ? AND number = ?", (sha256, page)).fetchone()
    return (row["text"] if row else None) or ""


def plan_import(conn: sqlite3.Connection, ls_export: list[dict], default_author: str) -> tuple[list, ImportSummary]:
    """The corrections an import would write (checked, without the ones already recorded), and its summary;
    LabelStudioError for an export that cannot be read. Writes nothing."""
    if not isinstance(ls_export, list):
        raise _fail("the export", f"Label Studio's JSON export is a list of tasks, found {type(ls_export).__name__}")
    for i, task in enumerate(ls_export):
        _check_task(conn, i, task)
    summary = ImportSummary(tasks=len(ls_export))
    plan = _Plan(conn, summary)
    authors: list[str] = []
    for task in ls_export:
        data = task["data"]
        page_text = _page_text(conn, data["sha256"], data["page"])
        if isinstance(data.get(TEXT), str) and data[TEXT] != page_text:
            raise LabelStudioError(
                f"{data.get('file', data['sha256'][:12])} p.{data['page']}: the task's text is not the page's text "
                "in this dataset (the document was re-read since the export): export the tasks again"
            )
        predicted = _predicted(conn, task, page_text)
        for ann in task["annotations"]:
            if ann.get("was_cancelled"):
                continue
            summary.annotations += 1
            author = author_of(ann, default_author)
            if author not in authors:
                authors.append(author)
            _decide_spans(plan, task, predicted, page_text, author, ann["result"])
            _decide_choices(plan, task, predicted, ann["result"], author)
    summary.authors = authors
    return plan.corrections, summary


def import_export(conn: sqlite3.Connection, ls_export: list[dict], default_author: str) -> ImportSummary:
    """Record the decisions of a Label Studio JSON export (a list of tasks with ``annotations``, as exported
    from a project fed by :func:`export_tasks`) as corrections; returns what was written and skipped.

    The author of each decision is its annotation's annotator (:func:`author_of`), else ``default_author``.
    The whole export is checked first (LabelStudioError, nothing written, for a malformed export or a task
    whose document is not in the dataset); a decision identical to its author's latest live one is not written
    again. The corrections are stored all or none (``casedata.corrections.add_corrections``)."""
    corrections, summary = plan_import(conn, ls_export, default_author)
    add_corrections(conn, corrections)
    for c in corrections:
        summary.written[c.action] += 1
    return summary
