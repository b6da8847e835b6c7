"""Model cards (Markdown beside each artifact) and the cross-validation table `expediente train` prints."""

from __future__ import annotations

from pathlib import Path

from expediente.extractors.artifacts import trained_dir
from expediente.models.datasets import Examples
from expediente.models.training import Scores


def score_rows(scores: Scores) -> list[str]:
    rows = ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, s in scores.per_label.items():
        rows.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    return rows


def data_rows(ex: Examples) -> list[str]:
    counts = ex.counts()
    sources = sorted({s for c in counts.values() for s in c})
    rows = ["| label | " + " | ".join(sources) + " | total |", "|---|" + "---:|" * (len(sources) + 1)]
    for label, c in counts.items():
        rows.append(f"| {label} | " + " | ".join(str(c.get(s, 0)) for s in sources) + f" | {sum(c.values())} |")
    return rows


def card(title: str, entry: dict, ex: Examples, scores: Scores, features: str, notes: list[str]) -> str:
    lines = [
        f"# Model card: {title}",
        "",
        f"- artifact: `{entry['file']}` (version `{entry['version']}`, SHA-256 `{entry['sha256'][:16]}…`)",
        f"- created: {entry['created']}; scikit-learn {entry['sklearn']}; saved with skops (no pickle)",
        f"- trusted types checked at load: {', '.join(f'`{t}`' for t in entry['trusted_types'])}",
        f"- documents: {len(set(ex.groups))} document groups, {len(ex)} examples",
        "",
        "## Data (examples per label and source)",
        "",
        *data_rows(ex),
        "",
        "Sources: `gold` = annotations/gold and corpus/sample/truth.jsonl; `rules` = the rule component's label "
        "at high confidence where gold is absent or partial; `window` = later page windows carrying their "
        "document's label; `negative_hard` = sentences with violence vocabulary in documents whose gold "
        "mentions are complete; `negative_easy` = sentences without violence vocabulary.",
        "",
        "## Features",
        "",
        features,
        "",
        "## Cross-validated scores (documents grouped: no document in both train and test)",
        "",
        *score_rows(scores),
        "",
        f"accuracy {scores.accuracy:.3f} over {scores.n} scored examples",
        "",
        *notes,
        "",
    ]
    return "\n".join(lines)


def write_card(model: str, text: str, out: str | Path | None = None) -> Path:
    path = (Path(out) if out else trained_dir()) / f"MODEL_CARD_{model}.md"
    path.write_text(text, encoding="utf-8")
    return path


def doctype_notes(scores: Scores) -> list[str]:
    combined = scores.extra.get("combined_accuracy_by_rule_threshold", {})
    out = [
        "## Rules and classifier together",
        "",
        f"Rules alone: accuracy {scores.extra.get('rules_accuracy', 0):.3f} on the same gold documents. "
        f"Rules + classifier (the rule kept at or above the threshold, else the more confident), by threshold:",
        "",
        "| rule threshold | accuracy |",
        "|---:|---:|",
        *(f"| {t} | {a:.3f} |" for t, a in combined.items()),
        "",
        "Documents the classifier or the rules get wrong (out of fold):",
        "",
    ]
    for m in scores.extra.get("misses", []):
        out.append(
            f"- {m['doc']}: gold {m['gold']}, classifier {m['model']} ({m['p']}), rule {m['rule'][0]} ({m['rule'][1]})"
        )
    return out


def violence_notes(scores: Scores) -> list[str]:
    em = scores.extra.get("emitted_at_min_probability", {})
    out = [
        "## As the component emits",
        "",
        f"A label other than none at probability ≥ {em.get('min_probability')}: precision {em.get('precision')}, "
        f"recall {em.get('recall')} (out of fold, over the violent examples above).",
    ]
    ch = scores.extra.get("charged")
    if ch:
        out += ["", "## Charged head (charged vs described), cross-validated", ""]
        out += score_rows(Scores(ch["per_label"], ch["accuracy"], ch["n"]))
        out += ["", f"accuracy {ch['accuracy']:.3f} over {ch['n']} violent examples with a known status"]
    return out


def table(name: str, scores: Scores) -> str:
    """The plain-text cross-validation table printed by `expediente train`."""
    lines = [f"{name}: cross-validated, documents grouped (accuracy {scores.accuracy:.3f}, n={scores.n})"]
    lines.append(f"  {'label':24s} {'prec':>6s} {'rec':>6s} {'f1':>6s} {'n':>5s}")
    for label, s in scores.per_label.items():
        lines.append(f"  {label:24s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['support']:5d}")
    if "rules_accuracy" in scores.extra:
        comb = scores.extra["combined_accuracy_by_rule_threshold"]
        lines.append(
            f"  rules alone {scores.extra['rules_accuracy']:.3f}; rules + classifier by rule threshold: "
            + ", ".join(f"{t}→{a:.3f}" for t, a in comb.items())
        )
    if "emitted_at_min_probability" in scores.extra:
        em = scores.extra["emitted_at_min_probability"]
        lines.append(f"  emitted at p ≥ {em['min_probability']}: precision {em['precision']}, recall {em['recall']}")
    if "charged" in scores.extra:
        ch = scores.extra["charged"]
        lines.append(f"  charged head accuracy {ch['accuracy']:.3f} (n={ch['n']})")
    return "\n".join(lines)


def save_with_card(
    model: str, obj, ex: Examples, scores: Scores, features: str, notes: list[str], out: str | Path | None = None
) -> dict:
    """Save the fitted model as a versioned skops artifact, point latest.json at it, write its card."""
    from expediente.models.training import save, version_of

    info = {
        "labels": sorted(set(ex.y)),
        "examples": len(ex),
        "documents": len(set(ex.groups)),
        "cv_accuracy": scores.accuracy,
    }
    entry = save(model, obj, version_of(ex), out, info)
    write_card(model, card(model, entry, ex, scores, features, notes), out)
    return entry
