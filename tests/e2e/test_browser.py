"""The reference story end to end: real pipeline, HTML report, headless Chromium."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT.parent / "shared" / "corpus" / "window-scene.txt"
OUT = ROOT / "out"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def report_path() -> tuple[Path, object]:
    if not STORY.exists():
        pytest.skip(f"the reference story is not at {STORY}")
    from ficmeld.export.report import write_report
    from ficmeld.pipeline import analyze

    analysis = analyze(STORY)
    return write_report(analysis, OUT / "window-scene.html"), analysis


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("no `chromium` on PATH: run `sh scripts/install-chromium.sh` (Debian's chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    return page, outside


def test_report_renders_plots_and_text(report_path, browser):
    path, analysis = report_path
    page, outside = _open(browser, path, 1280, 900)
    assert outside == []
    paragraphs = page.locator("p.para")
    assert paragraphs.count() == len(analysis.paragraphs)
    body = next(p for p in analysis.paragraphs if p.part == "body" and p.end - p.start > 40)
    shown = page.locator(f"#p{body.index}")
    shown.scroll_into_view_if_needed()  # paragraphs off screen are skipped by content-visibility
    sync_api.expect(shown).to_contain_text(analysis.text[body.start:body.end][:40], use_inner_text=True)
    timeline = page.locator("svg.timeline")
    assert timeline.count() == 1 and timeline.bounding_box()["width"] > 300
    charts = page.locator("svg.chart")
    assert charts.count() >= 1, "no emotion or valence plot was drawn"
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["height"] > 60
    assert page.locator("svg.chart polyline.series").count() >= 1
    page.screenshot(path=str(OUT / "window-scene.png"), full_page=True)
    page.close()


def test_clicking_a_speaker_highlights_their_lines(report_path, browser):
    path, analysis = report_path
    said = Counter(q.speaker for q in analysis.quotes if q.speaker)
    assert said, "the analysis attributes no quote to a speaker"
    speaker = said.most_common(1)[0][0]
    page, _ = _open(browser, path, 1280, 900)
    mine = page.locator(f'span.q[data-speaker="{speaker}"]')
    others = page.locator(f'span.q:not([data-speaker="{speaker}"])')
    before = mine.first.evaluate("e => getComputedStyle(e).outlineStyle")
    page.locator(f'.legend button.who[data-speaker="{speaker}"]').click()
    assert mine.count() >= said[speaker]
    assert all("hl" in (mine.nth(i).get_attribute("class") or "").split() for i in range(mine.count()))
    assert not any("hl" in (others.nth(i).get_attribute("class") or "").split() for i in range(others.count()))
    assert mine.first.evaluate("e => getComputedStyle(e).outlineStyle") != before
    assert page.locator(f'.legend button.who[data-speaker="{speaker}"]').get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(OUT / "window-scene-highlight.png"), full_page=True)
    page.locator(f'.legend button.who[data-speaker="{speaker}"]').click()
    assert page.locator("span.q.hl").count() == 0
    page.close()


def test_phone_width_has_no_horizontal_scroll(report_path, browser):
    path, _ = report_path
    page, _ = _open(browser, path, 390, 844)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.screenshot(path=str(OUT / "window-scene-phone.png"), full_page=True)
    page.close()
