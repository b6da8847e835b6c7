"""The report in a real browser: Debian's Chromium (``apt-get install chromium``, which ``make setup`` does),
driven headless by Playwright for Python with ``executable_path`` (Playwright's own browser downloads are
never used). The report must open with no console error, draw every plot with a size, resolve every internal
link, and show the comparison with a published study.

Skipped, saying why, only where Chromium is not installed (or Playwright is not: it is a dev dependency).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from expediente.corpus.errors import ExitCode
from expediente.flows.cli import main
from tests._report_dataset import EVA, build, dated

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    out = folder / "report.html"
    with dated():
        db = build(folder / "dated.sqlite")
        assert main(["report", "--db", str(db), "-o", str(out), "--compare", "extraditing_the_truth"]) == ExitCode.OK
    return out


@pytest.fixture(scope="module")
def page(browser, report_file):
    """The report opened in a page, with every console message and page error it raised."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    opened.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    opened.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    opened.goto(report_file.as_uri(), wait_until="load")
    opened.problems = problems
    yield opened
    context.close()


def test_the_report_opens_without_console_errors(page):
    assert page.title().startswith("expediente report")
    assert page.problems == []


def test_every_plot_renders(page):
    plots = page.locator("svg.plot")
    assert plots.count() >= 10
    for i in range(plots.count()):
        plot = plots.nth(i)
        plot.scroll_into_view_if_needed()
        box = plot.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, f"plot {i} has no size: {box}"
        bars = plot.locator("rect")
        assert bars.count() > 0
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('svg.plot rect')].filter(r => r.getBBox().width > 0).length"
    )
    assert drawn > 0


def test_every_internal_link_resolves(page):
    missing = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#"]')]
              .map(a => a.getAttribute('href').slice(1))
              .filter(id => !document.getElementById(decodeURIComponent(id)))"""
    )
    links = page.evaluate("() => document.querySelectorAll('a[href^=\"#\"]').length")
    assert links > 50 and missing == []


def test_following_a_number_shows_its_defendants(page):
    link = page.locator("#fig-custody table.rows a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("() => location.hash") == target
    listed = page.locator(target)
    assert listed.is_visible() and "Ana Uno Ruiz" in listed.inner_text()
    page.go_back()


def test_the_comparison_column_shows(page):
    table = page.locator("#comparison table.compare")
    assert table.is_visible()
    headers = table.locator("th").all_inner_texts()
    assert headers[-3:] == ["study", "ours", "difference"]
    assert "103 of 150 (68.7%)" in table.inner_text() and "pp" in table.inner_text()
    assert page.locator("#fig-custody table.compare").is_visible()
    ticks = page.locator("#fig-custody svg line.published")
    assert ticks.count() == 4 and ticks.first.bounding_box()["height"] > 0


def test_a_name_with_markup_is_shown_as_text(page):
    assert page.get_by_text(EVA).count() > 0
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
