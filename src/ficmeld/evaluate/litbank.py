"""Score ficmeld on LitBank: person mentions, people coreference, quotes and their speakers.

Each LitBank document (one tokenised sentence a line) is detokenised into a ficmeld `Work`
(every paragraph a body block) with a map from LitBank tokens to our offsets, run through the
registered stages, and scored over the official 10 coreference folds (test folds only).

Gold people mentions are the coref/brat spans typed `PROP_PER`, `NOM_PER` or `PRON_PER` (nested
ones included); chains are grouped by their brat entity label, singletons included. Predicted
mentions are all `Work.mentions`, grouped by character; unresolved ones (character None) are
kept as singletons. Quote spans include their quotation marks on both sides.

A component learned from LitBank ships one model file per fold (see `ficmeld.learned`), fitted on
that fold's train.ids (and tuned on its dev.ids) only; each test fold is scored inside
`evaluation_fold(i)`, so it only ever meets the model that never saw it.
"""
from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ficmeld.errors import FicmeldError
from ficmeld.learned import evaluation_fold
from ficmeld.evaluate.coref_metrics import (Counts, b_cubed, ceaf_e, conll_average, muc, overlap_counts,
                                            span_counts)
from ficmeld.model.document import Source
from ficmeld.model.work import Block, Work

Span = tuple[int, int]
OPENERS = {"“", "‘", "(", "["}
CLOSERS = {",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "n't", "'s", "'ll", "'re", "'ve", "'d", "'m"}
CATEGORY = re.compile(r"(PROP|NOM|PRON)_(PER|FAC|GPE|LOC|VEH|ORG)")
QUOTE_OPEN = ("“", "‘", '"')
QUOTE_CLOSE = ("”", "’", '"')


@dataclass
class LitBankDoc:
    name: str
    text: str
    paragraphs: list[Span]
    mentions: dict[Span, str] = field(default_factory=dict)  # person mention span -> entity label
    types: dict[Span, str] = field(default_factory=dict)  # person mention span -> PROP, NOM or PRON
    quotes: dict[Span, str | None] = field(default_factory=dict)  # quote span -> speaker entity label

    def chains(self) -> list[set[Span]]:
        by_entity: dict[str, set[Span]] = defaultdict(set)
        for span, entity in self.mentions.items():
            by_entity[entity].add(span)
        return list(by_entity.values())


def _detokenise(sentences: list[list[str]]) -> tuple[str, list[list[Span]], list[Span]]:
    """Join tokens as prose; new paragraph where a sentence opens or the previous one closes a quote."""
    out: list[str] = []
    pos = 0
    spans: list[list[Span]] = []
    paragraphs: list[Span] = []
    para_start = 0
    prev: list[str] = []
    for tokens in sentences:
        if not tokens:  # blank lines (the file's last) add nothing
            spans.append([])
            continue
        if out:
            new_para = bool(tokens) and tokens[0] in QUOTE_OPEN or bool(prev) and prev[-1] in QUOTE_CLOSE
            if new_para:
                paragraphs.append((para_start, pos))
                out.append("\n\n")
                pos += 2
                para_start = pos
            else:
                out.append(" ")
                pos += 1
        row: list[Span] = []
        open_straight = False
        for j, tok in enumerate(tokens):
            glue = j == 0 or tok in CLOSERS or tokens[j - 1] in OPENERS
            if tok == '"':
                glue = j == 0 or open_straight
                open_straight = not open_straight
            elif j and tokens[j - 1] == '"' and open_straight:
                glue = True
            if not glue:
                out.append(" ")
                pos += 1
            row.append((pos, pos + len(tok)))
            out.append(tok)
            pos += len(tok)
        spans.append(row)
        prev = tokens
    paragraphs.append((para_start, pos))
    return "".join(out), spans, [p for p in paragraphs if p[1] > p[0]]


def load_document(folder: Path, name: str) -> LitBankDoc:
    """Read one document by its base name (e.g. `105_persuasion_brat`)."""
    raw = (folder / "coref" / "brat" / f"{name}.txt").read_text(encoding="utf-8")
    sentences = [line.split(" ") if line else [] for line in raw.split("\n")]
    text, spans, paragraphs = _detokenise(sentences)
    by_char: dict[int, Span] = {}
    by_char_end: dict[int, Span] = {}
    offset = 0
    for line, row in zip(raw.split("\n"), spans):
        col = 0
        for tok, ours in zip(line.split(" ") if line else [], row):
            by_char[offset + col] = ours
            by_char_end[offset + col + len(tok)] = ours
            col += len(tok) + 1
        offset += len(line) + 1
    doc = LitBankDoc(name, text, paragraphs)
    category: dict[tuple[int, int], str] = {}
    entity: dict[tuple[int, int], str] = {}
    for line in (folder / "coref" / "brat" / f"{name}.ann").read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        label, start, end = line.split("\t")[1].split(" ")[:3]
        key = (int(start), int(end))
        (category if CATEGORY.fullmatch(label) else entity)[key] = label
    for (s, e), cat in category.items():
        if cat.endswith("_PER") and s in by_char and e in by_char_end:
            span = (by_char[s][0], by_char_end[e][1])
            doc.mentions[span] = entity.get((s, e), f"_single_{s}_{e}")
            doc.types[span] = cat.split("_")[0]
    quote_file = folder / "quotations" / "tsv" / f"{name}.ann"
    if quote_file.exists():
        quotes: dict[str, Span] = {}
        speakers: dict[str, str] = {}
        for line in quote_file.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if cols[0] == "QUOTE":
                s_sent, s_tok, e_sent, e_tok = map(int, cols[2:6])
                quotes[cols[1]] = (spans[s_sent][s_tok][0], spans[e_sent][e_tok][1])
            elif cols[0] == "ATTRIB":
                speakers[cols[1]] = cols[2]
        doc.quotes = {span: speakers.get(qid) for qid, span in quotes.items()}
    return doc


def to_work(doc: LitBankDoc) -> Work:
    source = Source(path=f"litbank/{doc.name}", format="text",
                    sha256=hashlib.sha256(doc.text.encode()).hexdigest(), encoding="utf-8")
    return Work(text=doc.text, source=source, blocks=[Block(s, e, hint="body") for s, e in doc.paragraphs])


def read_folds(folder: Path) -> list[list[str]]:
    split_dir = folder / "coref_tenfold_splits"
    if not split_dir.is_dir():
        raise FicmeldError(f"no coref_tenfold_splits folder in {folder}", fix="point at the LitBank root folder")
    folds = []
    for fold in sorted((p for p in split_dir.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)):
        ids = (fold / "test.ids").read_text(encoding="utf-8").split()
        folds.append([i.removesuffix(".tsv") for i in ids])
    return folds


def score_document(doc: LitBankDoc, work: Work, done: set[str]) -> dict[str, Counts]:
    """Per-document counts for every metric whose stages ran."""
    counts: dict[str, Counts] = {}
    pred_spans = {(m.start, m.end): m.character for m in work.mentions}
    if "characters" in done:
        counts["mentions"] = span_counts(doc.mentions, pred_spans)
        counts.update(_mention_diagnostics(doc, work))
    if "characters" in done and "coref" in done:
        gold = doc.chains()
        groups: dict[str, set[Span]] = defaultdict(set)
        singles = []
        for span, char in pred_spans.items():
            (groups[char].add(span) if char else singles.append({span}))
        pred = list(groups.values()) + singles
        counts.update(muc=muc(gold, pred), b3=b_cubed(gold, pred), ceafe=ceaf_e(gold, pred))
        resolved = list(groups.values())  # a variant for error analysis: unresolved mentions dropped
        counts.update(dropped_muc=muc(gold, resolved), dropped_b3=b_cubed(gold, resolved),
                      dropped_ceafe=ceaf_e(gold, resolved))
    if "quotes" in done:
        ours = [(q.start, q.end) for q in work.quotes]
        counts["quotes_exact"] = span_counts(doc.quotes, ours)
        counts["quotes_overlap"] = overlap_counts(list(doc.quotes), ours)
    if "quotes" in done and "speakers" in done:
        counts.update(_speaker_counts(doc, work))
    return counts


def _mention_diagnostics(doc: LitBankDoc, work: Work) -> dict[str, Counts]:
    """Recall per LitBank mention type and precision per ficmeld mention kind (error analysis)."""
    out = {}
    for kind in ("PROP", "NOM", "PRON"):
        gold = [span for span, t in doc.types.items() if t == kind]
        out[f"recall_{kind}"] = span_counts(gold, [(m.start, m.end) for m in work.mentions])
    for kind in ("name", "nominal", "pronoun"):
        ours = [(m.start, m.end) for m in work.mentions if m.kind == kind]
        out[f"precision_{kind}"] = span_counts(doc.mentions, ours)
    if "coref" in work.done:
        out.update(_link_diagnostics(doc, work))
    return out


def _link_diagnostics(doc: LitBankDoc, work: Work) -> dict[str, Counts]:
    """Per LitBank mention type (pronouns split by person and by inside/outside quotes): the share of
    gold mentions with an earlier mention in their chain that we put in the same cluster as one of those."""
    pred = {(m.start, m.end): m.character for m in work.mentions}
    quotes = [(q.start, q.end) for q in work.quotes]
    out: dict[str, Counts] = defaultdict(Counts)
    for chain in doc.chains():
        spans = sorted(chain)
        for i, span in enumerate(spans[1:], 1):
            kind = doc.types[span]
            if kind == "PRON":
                word = doc.text[span[0]:span[1]].lower()
                person = "1" if word in ("i", "me", "my", "myself", "mine") else \
                    "3" if word in ("he", "him", "his", "himself", "she", "her", "hers", "herself") else \
                    "plural" if word in ("we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs",
                                         "themselves") else "2"
                quoted = any(s <= span[0] < e for s, e in quotes)
                kind = f"PRON{person}{'_quoted' if quoted else ''}"
            char = pred.get(span)
            ok = char is not None and char in {pred.get(x) for x in spans[:i]}
            out[f"recall_link_{kind}"] += Counts(0, 0, float(ok), 1.0)
    return out


def _speaker_counts(doc: LitBankDoc, work: Work) -> dict[str, Counts]:
    """A speaker is right when the predicted speaker has a mention in the gold speaker's chain outside the
    quote itself. (Counting the quote's own 'I' would make any speaker right once coref has put that 'I'
    in the predicted speaker's cluster; `speaker_any_mention` keeps that looser count for comparison.)
    Over-merged clusters still earn credit that way, so `speaker_nearest_mention` asks more: the
    predicted speaker's mention nearest the quote (outside it) must be in the gold chain."""
    by_char: dict[str, set[Span]] = defaultdict(set)
    for m in work.mentions:
        if m.character:
            by_char[m.character].add((m.start, m.end))
    chains = defaultdict(set)
    for span, entity in doc.mentions.items():
        chains[entity].add(span)
    detected = correct = loose = nearest = total = 0
    for (s, e), speaker in doc.quotes.items():
        if speaker is None:
            continue
        total += 1
        match = [q for q in work.quotes if q.start < e and s < q.end]
        if not match:
            continue
        detected += 1
        best = max(match, key=lambda q: min(e, q.end) - max(s, q.start))
        if not best.speaker:
            continue
        gold = chains.get(speaker, set())
        mentions = by_char.get(best.speaker, set())
        outside = [sp for sp in mentions if not (best.start <= sp[0] < best.end)]
        loose += bool(mentions & gold)
        correct += bool(set(outside) & gold)
        if outside:
            near = min(outside, key=lambda sp: best.start - sp[1] if sp[1] <= best.start else sp[0] - best.end)
            nearest += near in gold
    # Accuracy fits the Counts shape as recall: correct over the quotes considered.
    return {"speaker_detected": Counts(correct, detected, correct, detected),
            "speaker_end_to_end": Counts(correct, total, correct, total),
            "speaker_any_mention": Counts(loose, detected, loose, detected),
            "speaker_nearest_mention": Counts(nearest, detected, nearest, detected)}


METRIC_STAGES = {"mentions": ("characters",), "muc": ("characters", "coref"), "b3": ("characters", "coref"),
                 "ceafe": ("characters", "coref"), "quotes_exact": ("quotes",), "quotes_overlap": ("quotes",),
                 "speaker_detected": ("quotes", "speakers"), "speaker_end_to_end": ("quotes", "speakers"),
                 "speaker_any_mention": ("quotes", "speakers"), "speaker_nearest_mention": ("quotes", "speakers")}


def _summary(counts: dict[str, Counts], ran: set[str]) -> dict:
    out: dict = {}
    for metric, needs in METRIC_STAGES.items():
        if not all(n in ran for n in needs):
            out[metric] = None
        elif metric.startswith("speaker"):
            c = counts.get(metric, Counts())
            out[metric] = {"accuracy": round(100 * c.recall, 2), "n": int(c.r_den)}
        else:
            out[metric] = counts.get(metric, Counts()).as_dict()
    diagnostics = {k: c for k, c in counts.items() if k.startswith(("recall_", "precision_"))}
    out["mention_diagnostics"] = {k: round(100 * (c.recall if k.startswith("recall") else c.precision), 2)
                                  for k, c in sorted(diagnostics.items())} or None
    if out["muc"] is not None:
        out["coref_conll_f1"] = round(100 * conll_average({m: counts.get(m, Counts()) for m in ("muc", "b3", "ceafe")}), 2)
        dropped = {m: counts.get(f"dropped_{m}", Counts()) for m in ("muc", "b3", "ceafe")}
        out["coref_conll_f1_unresolved_dropped"] = round(100 * conll_average(dropped), 2)
    else:
        out["coref_conll_f1"] = out["coref_conll_f1_unresolved_dropped"] = None
    return out


def evaluate_litbank(path, limit: int | None = None) -> dict:
    """Run the registered stages on LitBank's test folds and return per-fold and total scores."""
    from ficmeld.nlp import load_pipeline
    from ficmeld.pipeline import available_stages, run_stages

    folder = Path(path)
    folds = read_folds(folder)
    registered = available_stages()
    names = [n for n in ("characters", "quotes", "coref", "speakers") if n in registered]
    wanted: list[str] = []
    for n in names:  # a stage whose prerequisites did not make it is skipped too
        if all(r in wanted or r in ("structure", "parse") for r in registered[n].requires):
            wanted.append(n)
    ran = set(wanted)
    notes = [f"stage {n!r} did not run: its scores are null" for n in ("characters", "quotes", "coref", "speakers")
             if n not in ran]  # not registered, or missing a prerequisite
    load_pipeline()  # one shared spaCy pipeline (cached) for every document
    t0 = time.perf_counter()
    total: dict[str, Counts] = defaultdict(Counts)
    per_fold = []
    remaining = limit
    for index, ids in enumerate(folds):
        if remaining is not None:
            ids = ids[:max(remaining, 0)]
            remaining -= len(ids)
        if not ids:
            continue
        fold_counts: dict[str, Counts] = defaultdict(Counts)
        for name in ids:
            doc = load_document(folder, name)
            with evaluation_fold(index):  # learned models fitted without this fold's test documents
                work = run_stages(to_work(doc), wanted)
            for metric, c in score_document(doc, work, ran).items():
                fold_counts[metric] += c
                total[metric] += c
        fold_summary = _summary(fold_counts, ran)
        fold_summary.pop("mention_diagnostics")
        per_fold.append({"fold": index, "documents": len(ids), **fold_summary})
    macro = {}
    for key in list(METRIC_STAGES) + ["coref_conll_f1"]:  # per-fold diagnostics are left to the micro totals
        vals = [f[key] for f in per_fold if f[key] is not None]
        if not vals:
            macro[key] = None
        elif isinstance(vals[0], dict):
            field_ = "accuracy" if "accuracy" in vals[0] else "f1"
            macro[key] = {field_: round(sum(v[field_] for v in vals) / len(vals), 2)}
        else:
            macro[key] = round(sum(vals) / len(vals), 2)
    return {"dataset": "litbank", "protocol": "official coref_tenfold_splits, test folds; learned models fitted on each fold's train.ids",
            "stages": wanted, "documents": sum(f["documents"] for f in per_fold),
            "seconds": round(time.perf_counter() - t0, 1), "micro": _summary(total, ran), "macro": macro,
            "folds": per_fold, "notes": notes}
