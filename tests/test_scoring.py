"""The scorers of `expediente evaluate`, on small hand-made gold labels and predictions."""

from __future__ import annotations

import pytest

from expediente.annotations import baselines
from expediente.annotations.scoring import (
    ALL_CITED_ROWS,
    PRF,
    Board,
    Match,
    Span,
    coverage,
    fold,
    gold_spans,
    locate_quote,
    match_items,
    match_spans,
    names_match,
    same_scalar,
    score_all_cited,
    score_document,
    score_peer_court,
    score_peer_statutes,
    statute_key,
)


def gold(**fields) -> dict:
    """A minimal in-scope gold label; keyword arguments add the labelled fields."""
    return {"file": "made_up.pdf", "sha256": "0" * 64, "doc_type": "indictment", **fields}


def mention(text: str, label: str, page: int = 1, start: int | None = None, end: int | None = None, **kw) -> dict:
    return {"text": text, "label": label, "page": page, "start": start, "end": end, **kw}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("José Alfredo TAPIA-Medrano", "jose alfredo tapia medrano"),
        ("  Ramiro  Quiñones-Beltrán ", "ramiro quinones beltran"),
        ('"El Güero"', "el guero"),
        ("O'Dell, Jonathan S.", "o dell jonathan s"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("JOSÉ TAPIA-MEDRANO", "Jose Tapia Medrano", True),  # accents, case, hyphen
        ("Jose Alfredo Tapia Medrano", "Jose Tapia Medrano", True),  # middle name added
        ("Jose Tapia Medrano", "Jose Alfredo Tapia Medrano", True),  # either direction
        ("Jose Alfredo Tapia Medrano", "Alfredo Tapia Medrano", False),  # first token differs
        ("Jose Alfredo Tapia Medrano", "Jose Alfredo Tapia", False),  # last token differs
        ("Jose Tapia", "Jose Medrano", False),
        ("Maria Ochoa", "", False),
        ("Bryan C. Perry", "Bryan Perry", True),
    ],
)
def test_names_match(a, b, expected):
    assert names_match(a, b) is expected


@pytest.mark.parametrize(
    ("field", "gold_value", "predicted", "expected"),
    [
        ("doc_type", "judgment", "judgment", True),
        ("doc_type", "judgment", "plea_agreement", False),
        ("court_id", "casd", "CASD", True),
        ("court_id", None, None, True),
        ("court_id", None, "nysd", False),
        ("case_number", "3:19-cr-02871", "3:19-CR-02871", True),
        ("case_number", "19-cr-02871", "3:19-cr-02871", False),  # the office number is part of the value
        ("case_number", "3:19-cr-02871", None, False),
        ("sentence_months", 46, 46, True),
        ("sentence_months", None, None, True),
        ("sentence_months", 46, 47, False),
        ("sentence_months", 240, None, False),
        ("public_official", False, False, True),
        ("public_official", True, False, False),
        ("custody", "unknown", "unknown", True),
        ("custody", "extradited", "unknown", False),
    ],
)
def test_same_scalar(field, gold_value, predicted, expected):
    assert same_scalar(field, gold_value, predicted) is expected


@pytest.mark.parametrize(
    ("raw", "level", "expected"),
    [
        ("21 U.S.C. § 841(a)(1)", "section", "21 U.S.C. § 841"),
        ("21 U.S.C. § 841(a)(1)", "subsections", "21 U.S.C. § 841(a)(1)"),
        ("21 USC 841 (A)(1)", "subsections", "21 U.S.C. § 841(a)(1)"),
        ("Title 18, United States Code, Section 924(c)", "section", "18 U.S.C. § 924"),
        ("21 U.S.C. § 960a", "subsections", "21 U.S.C. § 960a"),
        ("not a citation", "section", "not a citation"),
    ],
)
def test_statute_key(raw, level, expected):
    assert statute_key(raw, level) == expected


@pytest.mark.parametrize(
    ("page", "quote", "expected"),
    [
        ("The defendant threatened the witness.", "threatened", [(14, 24)]),
        ("kill him, then kill her", "kill", [(0, 4), (15, 19)]),  # every occurrence
        ("a sixteen-year-old\n   boy was held", "sixteen-year-old boy", [(2, 25)]),  # across a line break
        ("Nothing relevant here.", "murder", []),
    ],
)
def test_locate_quote(page, quote, expected):
    assert locate_quote(page, quote) == expected


def test_gold_spans_use_given_offsets_and_every_occurrence():
    pages = {1: "kill him, then kill her", 2: "no quote"}
    spans = gold_spans(
        [mention("kill", "murder"), mention("x", "threats", 1, 3, 5), mention("kill", "murder", 2)], pages
    )
    assert spans == [(Span(1, 0, 4), Span(1, 15, 19)), (Span(1, 3, 5),), ()]


def test_a_repeated_quote_takes_any_occurrence_once():
    occurrences = (Span(1, 0, 4), Span(1, 15, 19), Span(1, 30, 34))
    # two labels of "kill" on a page saying it three times: the 2nd and 3rd predicted match, one each
    assert match_spans([occurrences, occurrences], [Span(1, 15, 19), Span(1, 30, 34)]) == Match(
        ((0, 0), (1, 1)), (), ()
    )
    # two predictions on one occurrence cannot match two labels
    assert match_spans([occurrences, occurrences], [Span(1, 15, 19), Span(1, 16, 19)]) == Match(((0, 0),), (1,), (1,))


@pytest.mark.parametrize(
    ("gold_items", "pred_items", "expected"),
    [
        (["a", "b"], ["b", "a"], Match(((0, 1), (1, 0)), (), ())),
        (["a", "b"], ["a", "c"], Match(((0, 0),), (1,), (1,))),
        (["a", "a"], ["a"], Match(((0, 0),), (1,), ())),  # one to one
        ([], ["a"], Match((), (), (0,))),
    ],
)
def test_match_items(gold_items, pred_items, expected):
    assert match_items(gold_items, pred_items, lambda a, b: a == b) == expected


@pytest.mark.parametrize(
    ("gold_items", "pred_items", "pairs", "missed", "extra"),
    [
        ([Span(1, 10, 20)], [Span(1, 15, 30)], ((0, 0),), (), ()),  # covers half of the gold span
        ([Span(1, 10, 20)], [Span(1, 16, 30)], (), (0,), (0,)),  # covers less than half
        ([Span(1, 10, 40)], [Span(1, 12, 18)], (), (0,), (0,)),  # one word inside a long quote
        ([Span(1, 10, 11)], [Span(1, 0, 30)], ((0, 0),), (), ()),  # a longer prediction covering it all
        ([Span(1, 10, 20)], [Span(1, 20, 30)], (), (0,), (0,)),  # touching is not overlapping
        ([Span(1, 10, 20)], [Span(2, 10, 20)], (), (0,), (0,)),  # same offsets, other page
        ([Span(1, 10, 20)], [Span(1, 0, 12), Span(1, 11, 19)], ((0, 1),), (), (0,)),  # largest overlap wins
        ([Span(1, 0, 10), Span(1, 5, 15)], [Span(1, 4, 11)], ((0, 0),), (1,), ()),
        ([Span(1, 0, 10)], [None], (), (0,), (0,)),  # a prediction without offsets never matches
    ],
)
def test_match_spans(gold_items, pred_items, pairs, missed, extra):
    assert match_spans(gold_items, pred_items) == Match(pairs, missed, extra)


def test_match_spans_needs_a_compatible_pair():
    gold_items, pred_items = [Span(1, 0, 10)], [Span(1, 0, 10), Span(1, 2, 9)]
    assert match_spans(gold_items, pred_items, lambda gi, pi: pi == 1) == Match(((0, 1),), (), (0,))
    assert match_spans(gold_items, pred_items, lambda gi, pi: False) == Match((), (0,), (0, 1))


@pytest.mark.parametrize(
    ("matches", "precision", "recall", "f1"),
    [
        ([(Match(((0, 0),), (1,), ()), True)], 1.0, 0.5, 2 / 3),
        # micro-average: 1 tp + 1 fn in one document, 2 tp + 1 fp in another
        ([(Match(((0, 0),), (1,), ()), True), (Match(((0, 0), (1, 1)), (), (2,)), True)], 0.75, 0.75, 0.75),
        # a partial document counts for recall only: its extra predictions are not false hits
        ([(Match(((0, 0),), (), (1, 2, 3)), False)], None, 1.0, None),
        ([(Match((), (0,), ()), True)], None, 0.0, 0.0),
        ([(Match((), (), (0,)), True)], 0.0, None, 0.0),
    ],
)
def test_prf_micro_average(matches, precision, recall, f1):
    prf = PRF()
    for m, with_precision in matches:
        prf.add(m, with_precision)
    assert prf.precision == precision
    assert prf.recall == recall
    assert prf.f1 == (pytest.approx(f1) if f1 is not None else None)


def test_score_document_sets_and_scalars():
    label = gold(
        court_id="txsd",
        case_number="4:19-cr-00738",
        defendants=["José Tapia-Medrano", "Rosa Elvira Lugo"],
        aliases=["El Chato"],
        counts=[{"count": "1"}, {"count": "2"}],
        statutes_cited=["18 U.S.C. § 1203(a)", "18 U.S.C. § 924(c)(1)(A)(ii)"],
        drugs=[{"drug": "cocaine", "quantity": None}],
        benefits=[],
        sentence_months=None,
    )
    pred = {
        "doc_type": "indictment",
        "court_id": "txsd",
        "case_number": "19-cr-00738",
        "defendants": ["Jose Tapia Medrano", "Pedro Lugo"],
        "aliases": ["el chato"],
        "counts": [{"count": "1"}, {"count": "Forfeiture"}],
        "statutes_cited": ["18 U.S.C. § 1203(a)", "18 U.S.C. § 924(c)(1)(A)"],
        "drugs": [{"drug": "Cocaine", "quantity": "5 kilograms"}],
        "benefits": ["safety_valve"],
        "sentence_months": None,
    }
    board = Board()
    result = score_document(board, label, pred, {})
    scores = board.as_dict()
    assert scores["doc_type"]["accuracy"] == 1.0
    assert scores["case_number"]["accuracy"] == 0.0
    assert result.wrong["case_number"] == {"gold": "4:19-cr-00738", "predicted": "19-cr-00738"}
    assert scores["defendants"]["recall"] == 0.5
    assert result.misses["defendants"] == ["Rosa Elvira Lugo"]
    assert result.false_hits["defendants"] == ["Pedro Lugo"]
    assert scores["aliases"]["f1"] == 1.0
    assert result.false_hits["counts"] == ["Forfeiture"]
    assert scores["statutes_section"]["f1"] == 1.0  # 1203 and 924 both found
    assert scores["statutes_subsections"]["f1"] == 0.5  # 924(c)(1)(A) is not 924(c)(1)(A)(ii)
    assert scores["drugs"]["f1"] == 1.0
    assert scores["benefits"]["precision"] == 0.0 and scores["benefits"]["n"] == 0
    assert scores["sentence_months"]["accuracy"] == 1.0
    assert "custody" not in scores  # not labelled, not scored


def test_score_document_mentions():
    page = "They agreed to kidnap Victim-1 and threatened to kill Victim-1's family."
    label = gold(
        violent_crime_mentions=[
            mention("kidnap", "kidnapping", charged=True),
            mention("threatened to kill", "threats", charged=False),
        ],
        victims=[mention("Victim-1", "pseudonymous_victim"), mention("a quote not on the page", "other")],
    )
    pred = {
        "violent_crime_mentions": [
            {"text": "kidnap", "label": "kidnapping", "page": 1, "start": 15, "end": 21, "charged": True},
            {"text": "kill", "label": "murder", "page": 1, "start": 49, "end": 53, "charged": True},
        ],
        "victims": [
            {"text": "Victim-1", "label": "pseudonymous_victim", "page": 1, "start": 22, "end": 30},
            {"text": "Victim-1", "label": "pseudonymous_victim", "page": 1, "start": 54, "end": 62},
        ],
    }
    board = Board()
    result = score_document(board, label, pred, {1: page})
    scores = board.as_dict()
    violence = scores["violent_crime_mentions"]
    # "kill" inside "threatened to kill" is called murder and covers under half the quote: no match
    assert (violence["precision"], violence["recall"], violence["loose_recall"]) == (0.5, 0.5, 1.0)
    assert violence["charged_accuracy"] == 1.0
    assert result.misses["violent_crime_mentions"][0]["text"] == "threatened to kill"
    assert result.false_hits["violent_crime_mentions"][0]["label"] == "murder"
    # the quote that is not on its page is reported as a gold problem, not scored
    assert result.gold_problems == ["victims: quote 'a quote not on the page' not found on page 1"]
    assert (scores["victims"]["precision"], scores["victims"]["recall"]) == (0.5, 1.0)
    assert [h["start"] for h in result.false_hits["victims"]] == [54]


def test_partial_field_scores_recall_only():
    label = gold(victims=[mention("Victim-1", "pseudonymous_victim")], partial=["victims"])
    pred = {
        "victims": [
            {"text": "Victim-1", "label": "pseudonymous_victim", "page": 1, "start": 0, "end": 8},
            {"text": "Victim-2", "label": "pseudonymous_victim", "page": 1, "start": 13, "end": 21},
        ]
    }
    board = Board()
    result = score_document(board, label, pred, {1: "Victim-1 and Victim-2"})
    assert board.as_dict()["victims"]["recall"] == 1.0
    assert board.as_dict()["victims"]["precision"] is None
    assert (board.as_dict()["victims"]["predicted"], board.as_dict()["victims"]["emitted"]) == (0, 2)
    assert "victims" not in result.false_hits


def test_out_of_scope_scores_doc_type_and_court_only():
    label = gold(in_scope=False, doc_type="indictment", court_id=None, defendants=["Someone Else"], custody="unknown")
    board = Board()
    score_document(board, label, {"doc_type": "other", "court_id": None, "defendants": []}, {})
    assert set(board.as_dict()) == {"doc_type", "court_id"}
    assert board.as_dict()["doc_type"]["accuracy"] == 0.0
    assert board.as_dict()["court_id"]["accuracy"] == 1.0


def test_failed_document_misses_everything_labelled():
    board = Board()
    result = score_document(board, gold(defendants=["Ana Ruiz"], sentence_months=12), None, {})
    assert board.as_dict()["defendants"]["recall"] == 0.0
    assert board.as_dict()["sentence_months"]["accuracy"] == 0.0
    assert result.misses["defendants"] == ["Ana Ruiz"]


def test_peer_scores_share_the_gold():
    label = gold(court_id="casd", statutes_cited=["21 U.S.C. § 841(a)(1)", "21 U.S.C. § 846"])
    board = Board()
    score_peer_statutes(board, label, ["21 U.S.C. § 841(a)(1)"])
    score_peer_court(board, label, "casd")
    scores = board.as_dict()
    assert scores["statutes_section"]["recall"] == 0.5
    assert scores["statutes_subsections"]["precision"] == 1.0
    assert scores["court_id"]["accuracy"] == 1.0


@pytest.mark.parametrize(
    ("first_page", "expected"),
    [
        (
            "IN THE UNITED STATES DISTRICT COURT\nFOR THE SOUTHERN DISTRICT OF TEXAS\n",
            "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF TEXAS",
        ),
        (
            "Case 1:20-cr-00187\nUNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA\n",
            "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA",
        ),
        ("SEALED\nEastern District of Louisiana\n", "Eastern District of Louisiana"),
        ("A letter about nothing in particular.\n", None),
    ],
)
def test_courts_db_peer_line(first_page, expected):
    line = baselines.court_line(first_page)
    assert (baselines.clean_court_name(line) if line else None) == expected


@pytest.mark.parametrize(
    ("first_page", "expected"),
    [
        (
            "IN THE UNITED STATES DISTRICT COURT\nFOR THE SOUTHERN DISTRICT OF TEXAS\nUNITED STATES v. X",
            "txsd",
        ),
        ("UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA\n", "dcd"),
        ("A letter about nothing in particular.\n", None),
    ],
)
def test_courts_db_peer(first_page, expected):
    assert baselines.courts_db_court(first_page) == expected


@pytest.mark.skipif(not baselines.eyecite_available(), reason="eyecite is not installed (pip install -e .[dev])")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in violation of 21 U.S.C. § 841(a)(1) and (b)(1)(A).", ["21 U.S.C. § 841(a)(1)"]),
        ("Title 18, United States Code, Section 1203(a)", ["18 U.S.C. § 1203(a)"]),
        ("15 C.F.R. § 764.2 and Cal. Penal Code § 187", []),  # not the U.S. Code
        ("in violation of 18 U.S.C. §§ 2, 924(c)", ["18 U.S.C. § 2"]),
    ],
)
def test_eyecite_peer(text, expected):
    assert baselines.eyecite_statutes(text) == expected


def test_coverage_counts_every_vocabulary_value():
    documents = [
        {"custody": "extradited", "plea": "plea", "benefits": ["dismiss_counts", "dismiss_counts"]},
        {"custody": "extradited", "plea": "pretrial", "benefits": []},
    ]
    people = [{"custody": "surrendered", "plea": "plea", "benefits": ["substantial_assistance_5k1"]}]
    table = coverage(documents, people)
    assert table["custody"]["extradited"] == [2, 0]
    assert table["custody"]["surrendered"] == [0, 1]
    assert table["custody"]["detained_abroad"] == [0, 0]  # a value without examples still shows
    assert table["plea"]["plea"] == [1, 1]
    assert table["benefits"]["dismiss_counts"] == [1, 0]  # a document counts once per value
    assert "violent_crime_mentions" not in table and "doc_type" in table


@pytest.mark.parametrize(
    ("label", "cited", "section", "subsections"),
    [
        # a citation finder is right to return a procedural section the charged rows would call a false hit
        (
            {"statutes_all": ["21 U.S.C. § 841(a)(1)", "18 U.S.C. § 3553(a)"]},
            ["21 U.S.C. § 841(a)(1)", "18 U.S.C. § 3553(a)"],
            (1.0, 1.0),
            (1.0, 1.0),
        ),
        ({"statutes_all": ["21 U.S.C. § 841(a)(1)"]}, ["21 U.S.C. § 841"], (1.0, 1.0), (0.0, 0.0)),
        ({"statutes_all": ["21 U.S.C. § 846"]}, [], (None, 0.0), (None, 0.0)),
        ({}, ["21 U.S.C. § 846"], None, None),  # not labelled: not scored
        ({"statutes_all": ["21 U.S.C. § 846"], "in_scope": False}, ["21 U.S.C. § 846"], None, None),
    ],
)
def test_score_all_cited(label, cited, section, subsections):
    board = Board()
    score_all_cited(board, {"file": "x", **label}, cited)
    scores = board.as_dict(ALL_CITED_ROWS)
    for row, expected in zip(ALL_CITED_ROWS, (section, subsections), strict=True):
        got = (scores[row]["precision"], scores[row]["recall"]) if row in scores else None
        assert got == expected
