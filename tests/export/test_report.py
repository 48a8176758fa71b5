from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ficmeld.errors import FicmeldError
from ficmeld.export import report, report_text
from ficmeld.export.report import render_report, write_report
from ficmeld.model import Emotion, Paragraph, Pov, Quote

from tests.export.works import empty_analysis, small_analysis


def _tree(html: str):
    return lxml.html.fromstring(html)


def test_every_section_is_present():
    tree = _tree(render_report(small_analysis()))
    for section in ("characters", "pov", "emotions", "talk", "tags", "text"):
        assert tree.get_element_by_id(section).tag == "section"
        assert tree.xpath(f"//section[@id='{section}']//h2")
    assert tree.findtext(".//h1") == "The Keeper"
    assert len(tree.xpath("//svg[contains(@class, 'chart')]")) == 2  # Bram's arc and the valence arc
    assert all(svg.xpath("./title") for svg in tree.xpath("//svg"))


def test_names_and_text_are_escaped():
    html = render_report(small_analysis(bram_name="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>& soaked</b>" not in html and "&lt;b&gt;&amp; soaked&lt;/b&gt;" in html
    assert len(_tree(html).xpath("//script")) == 1


def test_self_contained():
    html = render_report(small_analysis())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "<style>" in html and "@media print" in html and "max-width: 40rem" in html


def test_quotes_carry_speaker_addressee_and_kind():
    tree = _tree(render_report(small_analysis()))
    quotes = tree.xpath("//span[contains(@class, 'q') and @data-speaker]")
    assert [q.get("data-speaker") for q in quotes] == ["c0", "c1", "c1"]
    assert quotes[0].text_content() == '"Is anyone up here?"'
    assert "Ines to Bram" in quotes[0].get("title") and "speech" in quotes[0].get("title")
    assert quotes[2].get("data-kind") == "thought"
    assert [s.text_content().strip() for s in tree.xpath("//small[contains(@class, 'said')]")] == ["Ines", "Bram", "Bram"]
    assert tree.xpath("//button[@data-speaker='c1' and @aria-pressed='false']")


def test_emotion_evidence_is_underlined_and_peaks_link_to_the_paragraph():
    analysis = small_analysis()
    tree = _tree(render_report(analysis))
    assert [u.text_content() for u in tree.xpath("//u[contains(@class, 'emo')]")] == ["furious", "afraid"]
    anger = tree.xpath("//a[normalize-space(.)='anger peaks here']")
    assert anger and anger[0].get("href") == "#p2"
    assert tree.get_element_by_id("p2").text_content().count("furious") == 1


def test_pov_timeline_names_each_scene_and_marks_head_hops():
    tree = _tree(render_report(small_analysis()))
    rows = tree.xpath("//table[contains(@class, 'povtable')]/tbody/tr")
    assert ["Ines" in r.text_content() for r in rows] == [True, False]
    assert "Bram" in rows[1].text_content() and "1 head-hop" in rows[1].text_content()
    assert tree.xpath("//rect[contains(@class, 'hopmark')]")
    assert tree.get_element_by_id("scene1").text_content().endswith("Bram's point of view")


def test_tag_evidence_links_jump_to_the_evidence_words():
    tree = _tree(render_report(small_analysis()))
    links = tree.xpath("//a[contains(@class, 'ev')]")
    assert [a.text_content() for a in links] == ["¶3"]
    target = tree.get_element_by_id(links[0].get("href")[1:])
    assert target.tag == "mark" and target.text_content() == "furious"
    assert "Teen And Up Audiences" in tree.get_element_by_id("tags").text_content()


def test_talk_matrix_counts_quotes():
    tree = _tree(render_report(small_analysis()))
    cells = [[td.text_content() for td in tr.xpath("./td")]
             for tr in tree.xpath("//table[contains(@class, 'matrix')]/tbody/tr")]
    assert cells == [["", "2"], ["1", ""]]  # Bram: 2 to nobody named; Ines: 1 to Bram


def test_empty_lists_and_a_scene_without_pov():
    tree = _tree(render_report(empty_analysis()))
    text = tree.text_content()
    assert "No characters were found." in text and "No quotes with a known speaker." in text
    assert "No emotion readings were found." in text and "no single POV" in text
    assert tree.get_element_by_id("p0").text_content().endswith("Nothing happens here.")


def test_a_work_with_no_scenes_or_paragraphs_renders():
    analysis = empty_analysis()
    analysis.scenes, analysis.paragraphs = [], []
    assert "No scenes were found." in _tree(render_report(analysis)).text_content()


def test_huge_works_cap_the_markup(monkeypatch):
    monkeypatch.setattr(report_text, "MAX_EMOTION_MARKS", 50)
    monkeypatch.setattr(report_text, "MAX_QUOTE_MARKS", 100)
    unit = 'She said "no" and was sad. '
    n = 400
    analysis = empty_analysis(unit * n)
    analysis.paragraphs = [Paragraph(index=i, start=i * len(unit), end=(i + 1) * len(unit), part="body",
                                     chapter=0, scene=0) for i in range(n)]
    analysis.quotes = [Quote(start=i * len(unit) + 9, end=i * len(unit) + 13, kind="speech", speaker=None,
                             addressee=None, confidence=0.5) for i in range(n)]
    analysis.emotions = [Emotion(experiencer=None, emotion="sadness", intensity=i / n, start=i * len(unit),
                                 end=(i + 1) * len(unit), scene=0, evidence=["sad"]) for i in range(n)]
    tree = _tree(render_report(analysis))
    assert len(tree.xpath("//span[contains(@class, 'q') and @data-speaker]")) == 100
    assert len(tree.xpath("//u[contains(@class, 'emo')]")) == 50
    assert "strongest of 400 emotion readings" in tree.text_content()
    assert len(tree.xpath("//p[contains(@class, 'para')]")) == n


def test_write_report(tmp_path):
    path = write_report(small_analysis(), tmp_path / "out" / "keeper.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (tmp_path / "file").write_text("x")
    with pytest.raises(FicmeldError):
        write_report(small_analysis(), tmp_path / "file" / "keeper.html")


def test_pov_none_character_is_shown_as_no_single_pov():
    analysis = empty_analysis(pov=Pov(character=None, person="first", tense="present", confidence=0.4))
    row = _tree(render_report(analysis)).xpath("//table[contains(@class, 'povtable')]/tbody/tr")[0]
    assert "no single POV" in row.text_content() and "first" in row.text_content()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.integers(1, 40)), max_size=12),
       st.lists(st.tuples(st.integers(0, 120), st.integers(1, 30)), max_size=6))
def test_markup_never_loses_or_repeats_text(emotion_spans, quote_spans):
    analysis = small_analysis()
    n = len(analysis.text)
    analysis.emotions = [Emotion(experiencer="c1", emotion="joy", intensity=0.5, start=a, end=min(a + w, n),
                                 scene=0) for a, w in emotion_spans]
    quotes, last = [], 0
    for a, w in sorted(quote_spans):
        if a >= last:
            quotes.append(Quote(start=a, end=min(a + w, n), kind="speech", speaker="c0", addressee=None,
                                confidence=0.5))
            last = a + w
    analysis.quotes = quotes
    views = report.report_context(analysis)["paragraphs"]
    for p, view in zip(analysis.paragraphs, views):
        shown = "".join(piece["text"] for run in view["runs"] for piece in run["pieces"])
        assert shown == analysis.text[p.start:p.end]
