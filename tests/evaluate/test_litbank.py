from pathlib import Path

import pytest

from ficmeld.evaluate.litbank import evaluate_litbank, load_document, read_folds, score_document, to_work
from ficmeld.model.document import Character, Mention, Quote

LITBANK = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "litbank"

# A made-up two-paragraph story in LitBank's layout: one tokenised sentence a line.
SENTENCES = [
    "Marla Quince locked the shed .",
    "“ Do n't wait for me , ” she told her brother .",
]
ANN = """T1\tPROP_PER 0 12\tMarla Quince
T2\tMarla-0 0 12\tMarla Quince
T3\tPRON_PER 56 59\tshe
T4\tMarla-0 56 59\tshe
T5\tNOM_PER 65 76\ther brother
T6\tBrother-1 65 76\ther brother
T7\tPRON_PER 65 68\ther
T8\tMarla-0 65 68\ther
T9\tNOM_FAC 24 28\tshed
T10\tShed-2 24 28\tshed
"""
QUOTES = "QUOTE\tQ1\t1\t0\t1\t7\t“ Do n't wait for me , ”\nATTRIB\tQ1\tMarla-0\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    brat = tmp_path / "coref" / "brat"
    brat.mkdir(parents=True)
    (brat / "1_tiny_brat.txt").write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    (brat / "1_tiny_brat.ann").write_text(ANN, encoding="utf-8")
    quotes = tmp_path / "quotations" / "tsv"
    quotes.mkdir(parents=True)
    (quotes / "1_tiny_brat.ann").write_text(QUOTES, encoding="utf-8")
    for i in range(10):
        split = tmp_path / "coref_tenfold_splits" / str(i)
        split.mkdir(parents=True)
        (split / "test.ids").write_text("1_tiny_brat.tsv\n" if i == 0 else "", encoding="utf-8")
    return tmp_path


def test_fixture_brat_offsets_point_at_their_words():
    # The fixture's brat offsets must point at the words they name in the raw file.
    raw = "\n".join(SENTENCES) + "\n"
    for line in ANN.splitlines():
        _, span, words = line.split("\t")
        start, end = map(int, span.split()[1:])
        assert raw[start:end] == words


def test_load_document_detokenises_and_maps_gold(folder: Path):
    doc = load_document(folder, "1_tiny_brat")
    assert doc.text == "Marla Quince locked the shed.\n\n“Don't wait for me,” she told her brother."
    spans = {doc.text[s:e]: entity for (s, e), entity in doc.mentions.items()}
    assert spans == {"Marla Quince": "Marla-0", "she": "Marla-0", "her brother": "Brother-1", "her": "Marla-0"}
    assert [doc.text[s:e] for s, e in doc.quotes] == ["“Don't wait for me,”"]
    assert list(doc.quotes.values()) == ["Marla-0"]
    assert sorted(len(c) for c in doc.chains()) == [1, 3]


def test_work_is_all_body_paragraphs(folder: Path):
    work = to_work(load_document(folder, "1_tiny_brat"))
    assert [b.hint for b in work.blocks] == ["body", "body"]
    assert work.text[work.blocks[1].start:work.blocks[1].end].startswith("“Don't")


def _predicted_work(folder: Path):
    doc = load_document(folder, "1_tiny_brat")
    work = to_work(doc)
    find = doc.text.index
    work.characters = [Character(id="c1", name="Marla Quince", aliases=[], canonical=None, role="main", mentions=2)]
    work.mentions = [Mention(start=0, end=12, character="c1", kind="name"),
                     Mention(start=find(" she ") + 1, end=find(" she ") + 4, character="c1", kind="pronoun"),
                     Mention(start=find(" her ") + 1, end=find(" her ") + 4, character=None, kind="pronoun")]
    q_end = find("”") + 1
    work.quotes = [Quote(start=find("“"), end=q_end, kind="speech", speaker="c1", addressee=None, confidence=1.0)]
    return doc, work


def test_score_document_by_hand(folder: Path):
    doc, work = _predicted_work(folder)
    counts = score_document(doc, work, {"characters", "coref", "quotes", "speakers"})
    assert (counts["mentions"].precision, counts["mentions"].recall) == (1.0, 0.75)
    # gold {Marla, she, her} {her brother}; ours {Marla, she} {her}: MUC recall 1/2, precision 1/1
    assert (counts["muc"].recall, counts["muc"].precision) == (0.5, 1.0)
    assert [counts[f"recall_{t}"].recall for t in ("PROP", "NOM", "PRON")] == [1.0, 0.0, 1.0]
    assert counts["precision_pronoun"].precision == 1.0
    assert counts["quotes_exact"].f1 == 1.0
    assert counts["speaker_detected"].recall == 1.0 and counts["speaker_end_to_end"].r_den == 1


def test_missing_stages_are_not_scored(folder: Path):
    doc, work = _predicted_work(folder)
    assert set(score_document(doc, work, {"quotes"})) == {"quotes_exact", "quotes_exact_marks", "quotes_overlap"}


def test_read_folds_lists_test_ids(folder: Path):
    assert read_folds(folder)[0] == ["1_tiny_brat"] and len(read_folds(folder)) == 10


def test_evaluate_runs_end_to_end_on_the_fixture(folder: Path):
    result = evaluate_litbank(folder, limit=1)
    assert result["documents"] == 1 and len(result["folds"]) == 1
    assert set(result["micro"]) >= {"mentions", "coref_conll_f1", "quotes_exact", "speaker_end_to_end"}


def test_real_litbank_gold_mentions_match_brat_words():
    if not LITBANK.is_dir():
        pytest.skip("../shared/data/litbank is absent")
    name = read_folds(LITBANK)[0][0]
    doc = load_document(LITBANK, name)
    raw_ann = (LITBANK / "coref" / "brat" / f"{name}.ann").read_text(encoding="utf-8")
    brat_words = {line.split("\t")[2].replace(" ", "") for line in raw_ann.splitlines()
                  if line.startswith("T") and "_PER " in line}
    ours = {doc.text[s:e].replace(" ", "") for s, e in doc.mentions}
    assert ours == brat_words


def test_unregistered_stages_give_null_scores_and_a_note(folder: Path, monkeypatch):
    import ficmeld.pipeline as pipeline

    everything = pipeline.available_stages()
    monkeypatch.setattr(pipeline, "available_stages", lambda: {"characters": everything["characters"]})
    result = evaluate_litbank(folder)
    assert result["stages"] == ["characters"]
    assert result["micro"]["mentions"] is not None
    assert result["micro"]["quotes_exact"] is None and result["micro"]["coref_conll_f1"] is None
    assert any("'speakers'" in note for note in result["notes"])
