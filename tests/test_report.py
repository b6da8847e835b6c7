"""`expediente report`: the study's figures over defendants, checked against numbers worked out by hand.

The dataset is tests/_report_dataset.py (five defendants in four cases; its table gives every value). Each
expected row below is counted from that table, not from the code. The HTML is checked here for what a parser
can check (escaping, every internal link, the comparison); tests/test_report_browser.py opens it in Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from expediente.casedata.compare import ProfileError, compare, load_profile, shipped_profiles
from expediente.casedata.db import connect
from expediente.casedata.figures import FIGURES, build_report
from expediente.corpus.errors import ExitCode
from expediente.flows.cli import main
from expediente.flows.report import render
from tests._report_dataset import ANA, BETO, CARLA, DIEGO, EVA, OFFICE, build, dated, undated

# (figure, row key, defendants in the row, the row's denominator), from the table of tests/_report_dataset.py
EXPECTED = [
    ("custody", "extradited", {ANA, CARLA}, 5),
    ("custody", "arrested_us", {DIEGO}, 5),
    ("custody", "detained_abroad", set(), 5),
    ("custody", "surrendered", {EVA}, 5),
    ("custody", "unknown", {BETO}, 5),
    ("courts", "casd", {ANA, BETO}, 5),
    ("courts", "txwd", {CARLA}, 5),
    ("courts", "unknown", set(), 5),
    ("extradition_courts", "casd", {ANA}, 2),
    ("extradition_courts", "txwd", {CARLA}, 2),
    ("charge_categories", "drug_trafficking", {ANA, BETO, DIEGO}, 5),
    ("charge_categories", "continuing_criminal_enterprise", {CARLA}, 5),
    ("charge_categories", "violent_crime", {CARLA}, 5),
    ("charge_categories", "money_laundering", set(), 5),
    ("charge_categories", "unknown", {EVA}, 5),
    ("plea", "plea", {ANA, DIEGO, EVA}, 5),
    ("plea", "trial", {CARLA}, 5),
    ("plea", "pretrial", {BETO}, 5),
    ("plea", "sealed", set(), 5),
    ("plea", "unknown", set(), 5),
    ("benefits", "any", {ANA, DIEGO}, 3),
    ("benefits", "substantial_assistance_5k1", {ANA}, 3),
    ("benefits", "dismiss_counts", {ANA}, 3),
    ("benefits", "acceptance_of_responsibility", {DIEGO}, 3),
    ("benefits", "probation", set(), 3),
    ("benefits", "none_found", {EVA}, 3),
    ("victim_charges", "charged", {CARLA}, 5),
    ("victim_charges", "sentenced", {CARLA}, 5),
    ("victim_charges", "victims_mentioned", set(), 5),
    ("victim_charges", "unknown", {EVA}, 5),
    ("violence", "charged", {CARLA}, 5),  # by its statute (hostage taking), no mention flagged charged
    ("violence", "described_only", {EVA}, 5),
    ("violence", "none", {ANA, BETO, DIEGO}, 5),
    ("public_officials", "officials", {DIEGO}, 5),
    ("public_officials", "pleaded", {DIEGO}, 1),  # a share of the officials, not of all defendants
    ("public_officials", "unknown", set(), 5),  # named in the case and described by no document as one: false
    ("year_filed", "2018", {CARLA}, 3),
    ("year_filed", "2019", {ANA, BETO}, 3),  # one multi-defendant indictment dates both
    ("year_filed", "unknown", {DIEGO, EVA}, 5),
    ("year_extradited", "2019", {ANA}, 2),
    ("year_extradited", "2020", set(), 2),  # a year between two others is shown, as 0
    ("year_extradited", "2021", {CARLA}, 2),
    ("year_extradited", "unknown", set(), 2),
    ("sentences", "61-120", {ANA}, 3),
    ("sentences", "life", {CARLA}, 3),
    ("sentences", "time served", {EVA}, 3),
    ("sentences", "probation", set(), 3),
    ("sentences", "361+", set(), 3),
    ("sentences", "unknown", {DIEGO}, 4),  # pleaded, no sentence found; Beto (pretrial) is not counted
]
# (figure, n, denominator)
TOTALS = [
    ("custody", 5, 5),
    ("extradition_courts", 2, 2),
    ("benefits", 3, 3),
    ("year_filed", 5, 3),
    ("year_extradited", 2, 2),
    ("sentences", 4, 3),
]


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory):
    with dated():
        path = build(tmp_path_factory.mktemp("report") / "dated.sqlite")
        yield path


@pytest.fixture(scope="module")
def report(dated_db):
    with dated():
        conn = connect(dated_db, readonly=True)
        yield build_report(conn)
        conn.close()


def names(report, keys) -> set[str]:
    return {report.defendants[k].name for k in keys}


def figure(report, ident):
    return next(f for f in report.figures if f.id == ident)


@pytest.mark.parametrize(("ident", "key", "people", "denominator"), EXPECTED)
def test_each_number_is_the_defendants_behind_it(report, ident, key, people, denominator):
    fig = figure(report, ident)
    row = fig.row(key)
    assert names(report, row.people) == people
    assert fig.row_denominator(row) == denominator
    assert fig.share(row) == pytest.approx(len(people) / denominator)


@pytest.mark.parametrize(("ident", "n", "denominator"), TOTALS)
def test_each_figure_states_n_and_its_denominator(report, ident, n, denominator):
    fig = figure(report, ident)
    assert (fig.n, fig.denominator) == (n, denominator)


def test_every_figure_is_there_in_order(report):
    assert [f.id for f in report.figures] == list(FIGURES)
    assert len(report.defendants) == 5 and report.documents == 6 and report.cases == 4


def test_courts_are_ranked_most_defendants_first(report):
    assert [r.key for r in figure(report, "courts").rows] == ["casd", "flsd", "nysd", "txwd"]


def test_sentence_words_are_counted_apart_from_months(report):
    rows = figure(report, "sentences").rows
    assert [r.key for r in rows if r.kind == "explicit"] == ["time served", "probation", "life"]
    assert [r.key for r in rows if r.kind == "value"] == ["0-12", "13-60", "61-120", "121-240", "241-360", "361+"]


def test_a_number_keeps_the_evidence_of_the_values_behind_it(report):
    ana = next(k for k, p in report.defendants.items() if p.name == ANA)
    custody = [e for e in report.evidence[ana] if e.field == "custody" and e.chosen]
    assert [(e.value, e.doc_type, e.page, e.sha256) for e in custody] == [("extradited", "judgment", 1, "b" * 64)]
    assert custody[0].file == "casd_judgment_b.pdf" and custody[0].end > custody[0].start
    courts = {e.sha256 for e in report.evidence[ana] if e.field == "court_id"}
    assert courts == {"a" * 64, "b" * 64}


def test_without_dates_the_year_figures_say_so(tmp_path):
    with undated():
        conn = connect(build(tmp_path / "undated.sqlite"), readonly=True)
        found = build_report(conn)
        html = render(found, "undated")
    for ident in ("year_filed", "year_extradited"):
        fig = figure(found, ident)
        assert fig.missing and "dates are not in this dataset" in fig.missing and fig.rows == []
    assert "The dates are not in this dataset" in html


def test_an_empty_dataset_gives_every_figure_with_nothing_in_it(tmp_path):
    conn = connect(tmp_path / "empty.sqlite")
    found = build_report(conn)
    assert [f.n for f in found.figures] == [0] * len(FIGURES)
    assert all(f.share(r) is None for f in found.figures for r in f.rows)
    assert "no defendant in a case yet" in render(found, "empty")


# --- the comparison with a published study ---------------------------------------------------------------


def test_the_shipped_profile_maps_every_headline_figure(report):
    profile = load_profile("extraditing_the_truth")
    assert profile.study == "Extraditing the Truth"
    assert all(e.source and e.quote for e in profile.entries)
    found = {(c.published.figure, c.published.rows): c for c in compare(profile, report.figures)}
    extradited = found["custody", ("extradited",)]
    assert (extradited.published.count, extradited.published.of) == (103, 150)
    assert extradited.ours == pytest.approx(40.0)  # 2 of 5
    assert extradited.difference == pytest.approx(40.0 - 100 * 103 / 150)
    reductions = next(c for (fig, rows), c in found.items() if fig == "benefits" and len(rows) > 1)
    assert len(reductions.people) == 2 and reductions.denominator == 3  # Ana (5K1), Diego (acceptance)
    assert reductions.difference == pytest.approx(100 * 2 / 3 - 86.4)
    pleaded = found["public_officials", ("pleaded",)]
    assert (pleaded.published.share, pleaded.ours) == (50.0, 100.0)
    casd = found["extradition_courts", ("casd",)]
    assert (casd.published.share, casd.ours) == (30.1, 50.0)
    txnd = found["extradition_courts", ("txnd",)]  # a court with no defendant here: 0 of the extradited
    assert (len(txnd.people), txnd.denominator, txnd.ours) == (0, 2, 0.0)


def test_the_shipped_profiles_are_listed_by_name():
    assert "extraditing_the_truth" in shipped_profiles()


def write_profile(tmp_path, entries: list, **top) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"study": "S", "source": "p. 1", "figures": entries, **top}), encoding="utf-8")
    return str(path)


ENTRY = {"figure": "plea", "rows": ["plea"], "label": "pleaded", "share": 50}
BAD_PROFILES = [
    ("unknown figure", [ENTRY | {"figure": "custody_routes"}], "unknown figure 'custody_routes'"),
    ("unknown entry key", [ENTRY | {"value": 3}], "unknown keys ['value']"),
    ("no value", [{k: v for k, v in ENTRY.items() if k != "share"}], "give 'share' (percent) or 'count' and 'of'"),
    ("share over 100", [ENTRY | {"share": 180}], "between 0 and 100"),
    ("count over of", [ENTRY | {"share": None, "count": 9, "of": 3}], "'count' 9 is more than 'of' 3"),
    ("rows not a list", [ENTRY | {"rows": "plea"}], "non-empty list of row keys"),
    ("no figures", [], "non-empty list"),
]


@pytest.mark.parametrize(("case", "entries", "message"), BAD_PROFILES, ids=[b[0] for b in BAD_PROFILES])
def test_a_profile_that_cannot_be_used_is_named(tmp_path, case, entries, message):
    entries = [{k: v for k, v in e.items() if v is not None} for e in entries]
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(write_profile(tmp_path, entries))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (ENTRY | {"rows": ["guilty"]}, "figure 'plea' has no row 'guilty'"),
        (ENTRY | {"figure": "courts", "rows": ["casdd"]}, "figure 'courts' has no row 'casdd'"),  # not a court id
        (ENTRY | {"figure": "public_officials", "rows": ["officials", "pleaded"]}, "shares of different totals"),
    ],
)
def test_a_profile_row_the_figure_cannot_have_is_named(tmp_path, report, entry, message):
    profile = load_profile(write_profile(tmp_path, [entry]))
    with pytest.raises(ProfileError, match=re.escape(message)):
        compare(profile, report.figures)


def test_a_profile_that_is_not_json_or_not_there_is_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{figures: [}", encoding="utf-8")
    with pytest.raises(ProfileError, match="is not JSON"):
        load_profile(str(bad))
    with pytest.raises(ProfileError, match="extraditing_the_truth"):  # the message lists the shipped ones
        load_profile(str(tmp_path / "nowhere.json"))


# --- the HTML file ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    """The ids, internal links, tags and text of a page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if (attrs.get("href") or "").startswith("#"):
            self.links.append(attrs["href"][1:])

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def html_file(dated_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    with dated():
        code = main(["report", "--db", str(dated_db), "-o", str(out), "--compare", "extraditing_the_truth"])
    assert code == ExitCode.OK
    return out


def parsed(path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_report_is_one_self_contained_file(html_file):
    text = html_file.read_text(encoding="utf-8")
    page = parsed(html_file)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)  # nothing fetched at view time
    assert "default-src 'none'" in text
    assert len(re.findall(r"<svg\b", text)) == len(FIGURES)  # every figure has a plot here


def test_names_from_filings_are_escaped(html_file):
    text = html_file.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>chief</b>" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    page = parsed(html_file)
    assert EVA in "".join(page.text) and OFFICE in "".join(page.text)  # shown as written


def test_every_internal_link_resolves(html_file):
    page = parsed(html_file)
    assert page.links and set(page.links) <= page.ids


def test_each_number_links_to_its_defendants_with_evidence(html_file):
    text = html_file.read_text(encoding="utf-8")
    section = text[text.index('id="fig-custody"') :]
    section = section[: section.index("</section>")]
    rows = re.search(r'<td>extradited</td><td class="num"><a href="#([^"]+)">2</a>', section)
    assert rows is not None
    listed = section[section.index(f'id="{rows.group(1)}"') :]
    listed = listed[: listed.index("</div>")]
    assert ANA in listed and CARLA in listed and BETO not in listed
    assert "casd_judgment_b.pdf" in listed and "p. 1, characters" in listed


def test_the_comparison_shows_study_ours_and_difference(html_file):
    text = html_file.read_text(encoding="utf-8")
    section = text[text.index('id="comparison"') :]
    section = section[: section.index("</section>")]
    assert "Compared with Extraditing the Truth" in section
    assert "103 of 150 (68.7%)" in section and "2 of 5</a> (40.0%)" in section and "-28.7 pp" in section


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--compare", "no_such_study"], ExitCode.PROFILE, "no comparison profile 'no_such_study'"),
        (["-o", "/nonexistent-folder/report.html"], ExitCode.OUTPUT_FILE, "cannot write"),
    ],
)
def test_report_errors_are_named(dated_db, tmp_path, capsys, args, code, message):
    with dated():
        assert main(["report", "--db", str(dated_db), "-o", str(tmp_path / "r.html"), *args]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
