"""Score ficmeld on LitBank: person mentions, people coreference, quotes and their speakers.

Each LitBank document (one tokenised sentence a line) is detokenised into a ficmeld `Work`
(every paragraph a body block) with a map from LitBank tokens to our offsets, run through the
registered stages, and scored over the official 10 coreference folds (test folds only).

Gold people mentions are the coref/brat spans typed `PROP_PER`, `NOM_PER` or `PRON_PER` (nested
ones included); chains are grouped by their brat entity label, singletons included. Predicted
mentions are all `Work.mentions`, grouped by character; unresolved ones (character None) form
the group chains coref put them in (`Mention.group`) or else stay singletons.

Quotes are matched on the words quoted: each span, gold and predicted alike, is cut to the stretch from its
first to its last letter or digit before exact matching (`quotes_exact`), because LitBank's annotators took
the quotation marks in or left them out from one quote to the next (1,661 of the 1,765 gold quotes hold
both marks, 83 neither, 21 one) and end dash dialogue before its last stop. `quotes_exact_marks` matches
the spans as they are, marks and all; `quotes_overlap` counts any overlap.

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
from ficmeld.model.document import Source, Span as TextSpan
from ficmeld.model.work import Block, Work

Span = tuple[int, int]
OPENERS = {"“", "‘", "“‘", "(", "["}
CONTRACTIONS = ("n't", "'s", "'ll", "'re", "'ve", "'d", "'m")
CLOSERS = ({",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "’”"} | set(CONTRACTIONS)
           | {c.replace("'", "’") for c in CONTRACTIONS})  # compared in lower case ('S)
CATEGORY = re.compile(r"(PROP|NOM|PRON)_(PER|FAC|GPE|LOC|VEH|ORG)")
QUOTE_OPEN = ("“", "‘", '"')
QUOTE_CLOSE = ("”", "’", '"')
# Tokens after which a straight single mark opens a quotation rather than ending a word.
QUOTE_MARKS = {'"', "'", "“", "‘", "“‘", "(", "[", "_"}
OPENING_CONTEXT = {'"', "“", "‘", "(", "[", ":", ";", "--", "-", "—", "----", "'"}


@dataclass
class LitBankDoc:
    name: str
    text: str
    paragraphs: list[Span]
    mentions: dict[Span, str] = field(default_factory=dict)  # person mention span -> entity label
    types: dict[Span, str] = field(default_factory=dict)  # person mention span -> PROP, NOM or PRON
    quotes: dict[Span, str | None] = field(default_factory=dict)  # quote span -> speaker entity label
    emphasis: list[Span] = field(default_factory=list)  # inner text of _italics_

    def chains(self) -> list[set[Span]]:
        by_entity: dict[str, set[Span]] = defaultdict(set)
        for span, entity in self.mentions.items():
            by_entity[entity].add(span)
        return list(by_entity.values())


def _is_word(token: str | None) -> bool:
    """A word, or a word with its first letters elided ('T, 'em)."""
    return bool(token) and (token[0].isalnum() or (token[0] in "'’" and token[1:2].isalnum()))


def _mark_roles(sentences: list[list[str]]) -> dict[tuple[int, int], str]:
    """Whether each straight mark token opens ("open") or closes ("close") its quotation or italics. The files
    keep `"`, `'` and `_` as tokens of their own, so which way each one faced has to be read back.

    `"`: see `_double_role`. `'` opens where a word follows it at a line start, after an opening mark, colon,
    semicolon or dash, after punctuation when no single quotation is open, or after a word when a later mark
    in the line ends a quotation ("call me ' boy ' ?"); elsewhere it closes one or ends a word (goin ',
    masters ') and is joined to the word before. `_` (italics) alternates through the document."""
    roles: dict[tuple[int, int], str] = {}
    double_open = single_open = underscore_open = False
    for i, tokens in enumerate(sentences):
        for j, tok in enumerate(tokens):
            prev = tokens[j - 1] if j else None
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if tok == '"':
                roles[(i, j)] = _double_role(prev, nxt, j == 0, double_open)
                double_open = roles[(i, j)] == "open"
            elif tok == "_":
                roles[(i, j)] = "close" if underscore_open else "open"
                underscore_open = not underscore_open
            elif tok == "'":
                roles[(i, j)] = _single_role(tokens, j, single_open)
                opens = roles[(i, j)] == "open"
                if opens:
                    single_open = True
                elif not _is_word(prev) or not _is_word(nxt):
                    single_open = False  # a closing mark; one inside a word (comf ' able) changes nothing
    return roles


def _double_role(prev: str | None, nxt: str | None, line_start: bool, is_open: bool) -> str:
    """The contexts below were read off the curly marks of the other books, where they point the other way
    less than once in a hundred; the rest (`, " said` against `, " Come`) follows whether a quotation is open,
    as does a mark after a word with its full stop (`afternoon , P.M. " And`), which ends an open one.
    A quotation often runs over several sentence lines, so that state carries from line to line."""
    sentence_ended = is_open and prev is not None and len(prev) > 1 and prev.endswith(".")  # P.M. " And: it closes
    if line_start or prev == ":" or (_is_word(prev) and not sentence_ended and nxt is not None and nxt[:1].isupper()):
        return "open"
    if nxt is None and not is_open and not _is_word(prev):
        return "open"  # '" Yes , " she said . "' : the splitter left the next quotation's mark at the line's end
    if nxt is None or (not _is_word(nxt) and nxt not in QUOTE_MARKS) or prev in (".", "!", "?", "...", "...."):
        return "close"
    return "close" if is_open else "open"


def _single_role(tokens: list[str], j: int, is_open: bool) -> str:
    prev = tokens[j - 1] if j else None
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None and not is_open and not _is_word(prev):
        return "open"
    if not _is_word(nxt):
        return "close"
    if j == 0 or prev in OPENING_CONTEXT:
        return "open"
    if prev in (",", ".", "!", "?", "...", "...."):
        return "close" if is_open else "open"
    return "open" if not is_open and _closes_later(tokens, j + 1) else "close"


def _closes_later(tokens: list[str], start: int) -> bool:
    """A later `'` in the line stands where a quotation ends: after punctuation, or before no word."""
    for k in range(start + 1, len(tokens)):
        if tokens[k] == "'" and (not _is_word(tokens[k - 1]) or not _is_word(tokens[k + 1] if k + 1 < len(tokens)
                                                                            else None)):
            return True
    return False


def _glued(tok: str, prev: str | None, role: str | None, prev_role: str | None) -> bool:
    """No space before `tok`: punctuation and closing marks join the word before, opening marks the word after."""
    return (prev is None or tok.lower() in CLOSERS or role == "close" or prev in OPENERS
            or prev_role == "open")


def _line_gap(tokens: list[str], first_role: str | None, last_role: str | None, double_open: bool,
              ends_quote: bool) -> str:
    """What joins a line to the one before: nothing after a line that ended on an opening mark, a paragraph
    break where this line opens a quotation or the line before closed the last open one (unless this line
    starts in lower case), else a space."""
    if last_role == "open":
        return ""
    opens_quote = (tokens[0] in ("“", "“‘") or (tokens[0] == '"' and first_role == "open")
                   or (not double_open and (tokens[0] == "‘" or (tokens[0] == "'" and first_role == "open"))))
    first_word = next((t for t in tokens if t[0].isalnum()), "")
    return "\n\n" if (opens_quote or ends_quote) and not first_word[:1].islower() else " "


def _detokenise(sentences: list[list[str]]) -> tuple[str, list[list[Span]], list[Span], list[Span]]:
    """Join tokens as prose: text, token spans per line, paragraphs and `_italic_` spans (their inner text).

    A paragraph starts at a line that opens with a quotation mark (a single one only outside a double one,
    which it would be nested in) or after one that closes the last open quotation, except before a line
    whose first word is lower case: LitBank's sentence splitter cuts after the ? or ! inside '"Where?" he
    asked.', and a line in lower case goes on with the sentence before it."""
    roles = _mark_roles(sentences)
    out: list[str] = []
    pos = 0
    spans: list[list[Span]] = []
    paragraphs: list[Span] = []
    emphasis: list[Span] = []
    para_start = 0
    italic_start: int | None = None
    ends_quote = double_open = False
    for i, tokens in enumerate(sentences):
        if not tokens:  # blank lines (the file's last) add nothing
            spans.append([])
            continue
        if out:
            gap = _line_gap(tokens, roles.get((i, 0)), roles.get((i - 1, len(sentences[i - 1]) - 1)), double_open,
                            ends_quote)
            if gap == "\n\n":
                paragraphs.append((para_start, pos))
                para_start = pos + 2
            out.append(gap)
            pos += len(gap)
        row: list[Span] = []
        for j, tok in enumerate(tokens):
            role = roles.get((i, j))
            if not _glued(tok, tokens[j - 1] if j else None, role, roles.get((i, j - 1))):
                out.append(" ")
                pos += 1
            row.append((pos, pos + len(tok)))
            out.append(tok)
            pos += len(tok)
            if tok in ('"', "“", "”"):
                double_open = tok == "“" or (tok == '"' and role == "open")
            if tok == "_" and role == "open":
                italic_start = pos
            elif tok == "_" and italic_start is not None:
                emphasis.append((italic_start, pos - 1))
                italic_start = None
        spans.append(row)
        last = tokens[-1]
        closing = last in ("”", "’”", '"', "’", "'") and (roles.get((i, len(tokens) - 1), "close") == "close")
        ends_quote = closing and not double_open and (len(tokens) < 2 or not _is_word(tokens[-2]))
    paragraphs.append((para_start, pos))
    text = "".join(out)
    return text, spans, [p for p in paragraphs if p[1] > p[0]], [e for e in emphasis if "\n\n" not in text[e[0]:e[1]]]


def load_document(folder: Path, name: str) -> LitBankDoc:
    """Read one document by its base name (e.g. `105_persuasion_brat`)."""
    raw = (folder / "coref" / "brat" / f"{name}.txt").read_text(encoding="utf-8")
    sentences = [line.split(" ") if line else [] for line in raw.split("\n")]
    text, spans, paragraphs, emphasis = _detokenise(sentences)
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
    doc = LitBankDoc(name, text, paragraphs, emphasis=emphasis)
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
    return Work(text=doc.text, source=source, blocks=[Block(s, e, hint="body") for s, e in doc.paragraphs],
                emphasis=[TextSpan(start=s, end=e) for s, e in doc.emphasis])


def read_folds(folder: Path) -> list[list[str]]:
    """The test documents of each official fold, fold 0 first."""
    split_dir = folder / "coref_tenfold_splits"
    if not split_dir.is_dir():
        raise FicmeldError(f"no coref_tenfold_splits folder in {folder}", fix="point at the LitBank root folder")
    folds = sorted((int(p.name) for p in split_dir.iterdir() if p.name.isdigit()))
    return [split_ids(folder, fold, "test") for fold in folds]


def split_ids(folder: Path, fold: int, part: str) -> list[str]:
    """The documents of one fold's `part` ("train", "dev" or "test")."""
    text = (folder / "coref_tenfold_splits" / str(fold) / f"{part}.ids").read_text(encoding="utf-8")
    return [i.removesuffix(".tsv") for i in text.split()]


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
        for span, chain in predicted_chain_of(work).items():
            (groups[chain].add(span) if chain else singles.append({span}))
        pred = list(groups.values()) + singles
        counts.update(muc=muc(gold, pred), b3=b_cubed(gold, pred), ceafe=ceaf_e(gold, pred))
        resolved = list(groups.values())  # a variant for error analysis: unresolved mentions dropped
        counts.update(dropped_muc=muc(gold, resolved), dropped_b3=b_cubed(gold, resolved),
                      dropped_ceafe=ceaf_e(gold, resolved))
    if "quotes" in done:
        ours = [(q.start, q.end) for q in work.quotes]
        counts["quotes_exact"] = span_counts(_quoted_words(doc.text, doc.quotes), _quoted_words(doc.text, ours))
        counts["quotes_exact_marks"] = span_counts(doc.quotes, ours)
        counts["quotes_overlap"] = overlap_counts(list(doc.quotes), ours)
    if "quotes" in done and "speakers" in done:
        counts.update(_speaker_counts(doc, work))
    return counts


def _quoted_words(text: str, spans) -> set[Span]:
    """Each span cut to its first and last letter or digit (see the module's note on matching quotes)."""
    out = set()
    for s, e in spans:
        start, end = s, e
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        out.add((start, end) if end > start else (s, e))
    return out


def predicted_chain_of(work: Work) -> dict[Span, str | None]:
    """Each predicted mention's chain: its character, else its `group` (the chain coref put it in: 'we', a
    'they', an unidentified speaker's 'I'), else None (a singleton)."""
    return {(m.start, m.end): m.character or (f"group:{m.group}" if m.group else None) for m in work.mentions}


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
    pred = predicted_chain_of(work)
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
                 "ceafe": ("characters", "coref"), "quotes_exact": ("quotes",), "quotes_exact_marks": ("quotes",),
                 "quotes_overlap": ("quotes",),
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
    # pov and roles redo coref's provisional guesses for pronouns in quotes once the speakers are known
    # (and name a first-person narrator), so the mentions scored are the ones `analyze` outputs.
    names = [n for n in ("characters", "quotes", "coref", "speakers", "pov", "roles") if n in registered]
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
