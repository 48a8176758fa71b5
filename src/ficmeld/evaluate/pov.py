"""Score per-scene point of view against a folder of annotated stories (`evaluation/pov/`).

Layout: `stories/NAME.txt` and `gold/NAME.json`, the gold being
`{"story": "NAME.txt", "scenes": [{"index", "first_words", "person", "tense", "focal",
"focal_aliases", "head_hops": [{"paragraph_first_words", "from", "to"}]}]}`.

Each gold scene is found by the paragraph its `first_words` open, and compared with the predicted
scene that holds that paragraph:
  person, tense  exact match;
  focal          the predicted character goes by one of the gold names (full name, aliases, or one
                 word of the full name that is a name of its own, e.g. "Marian" for "Marian Hale");
                 in a scene with a gold head-hop, the head it hops to is right too if a hop was found;
  scene          "all" is right when person, tense and focal all are;
  head-hops      a predicted hop is right when it starts in the gold hop's paragraph (`exact`) or
                 within one paragraph of it (`near`), with the right character it hops to.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

from ficmeld.errors import FicmeldError
from ficmeld.model.document import Character
from ficmeld.model.work import Work

TITLES = {"mr", "mrs", "miss", "ms", "dr", "doctor", "captain", "lady", "lord", "sir", "professor", "inspector"}


def _names(names: list[str]) -> set[str]:
    out = set()
    for name in names:
        low = re.sub(r"[.]", "", name.lower()).strip()
        out.add(low)
        out.update(w for w in low.split() if w not in TITLES and len(w) > 1)
    return out


def focal_matches(character: Character | None, gold_focal: str, aliases: list[str]) -> bool:
    if character is None:
        return False
    gold = _names([gold_focal, *aliases])
    ours = {re.sub(r"[.]", "", n.lower()).strip() for n in [character.name, *character.aliases,
                                                            *([character.canonical] if character.canonical else [])]}
    return bool(gold & ours)


def _paragraph_at(work: Work, first_words: str) -> int | None:
    """Index of the body paragraph that opens with `first_words`."""
    want = " ".join(first_words.split())
    for p in work.paragraphs:
        if " ".join(work.text[p.start:p.start + len(first_words) + 20].split()).startswith(want):
            return p.index
    return None


def score_story(work: Work, gold: dict) -> dict:
    counts: Counter = Counter()
    mistakes = []
    hops_found = [(h, s) for s in work.scenes for h in s.head_hops]
    para_of = {p.index: p for p in work.paragraphs}
    gold_hops = []
    for g in gold["scenes"]:
        at = _paragraph_at(work, g["first_words"])
        if at is None:
            raise FicmeldError(f"{gold['story']}: scene {g['index']} opening {g['first_words']!r} not found",
                               fix="correct first_words in the gold file")
        p = para_of[at]
        scene = next((s for s in work.scenes if s.start <= p.start < s.end), None)
        pov = scene.pov if scene else None
        counts["scenes"] += 1
        counts["scene_bounds"] += bool(scene and scene.start == p.start)
        focal = bool(pov and focal_matches(work.character(pov.character), g["focal"], g.get("focal_aliases", [])))
        if pov and not focal and g.get("head_hops") and scene and scene.head_hops:
            # a scene that hops has two heads; naming the one it hops to is right when the hop was found
            focal = any(focal_matches(work.character(pov.character), h["to"], []) for h in g["head_hops"])
        ok = {"person": bool(pov and pov.person == g["person"]), "tense": bool(pov and pov.tense == g["tense"]),
              "focal": focal}
        ok["all"] = all(ok.values())
        for k, v in ok.items():
            counts[k] += v
            counts[f"{g['person']}:{k}"] += v
        counts[f"{g['person']}:scenes"] += 1
        if not ok["all"]:
            got = work.character(pov.character) if pov else None
            mistakes.append({"story": gold["story"], "scene": g["index"],
                             "gold": f"{g['person']}/{g['tense']}/{g['focal']}",
                             "got": f"{pov.person}/{pov.tense}/{got.name if got else None}" if pov else None})
        for h in g.get("head_hops", []):
            hp = _paragraph_at(work, h["paragraph_first_words"])
            if hp is None:
                raise FicmeldError(f"{gold['story']}: head-hop paragraph {h['paragraph_first_words']!r} not found",
                                   fix="correct paragraph_first_words in the gold file")
            gold_hops.append((hp, h, g))
    counts["gold_hops"] += len(gold_hops)
    counts["predicted_hops"] += len(hops_found)
    for hop, _scene in hops_found:
        pi = next((p.index for p in work.paragraphs if p.start <= hop.start < p.end), None)
        match = next((hp for hp, h, _g in gold_hops if pi is not None and abs(pi - hp) <= 1
                      and focal_matches(work.character(hop.to), h["to"], [])), None)
        if match is not None:
            counts["hops_near"] += 1
            counts["hops_exact"] += match == pi
    if len(gold_hops) != len(hops_found) or counts["hops_exact"] < len(gold_hops):
        mistakes.append({"story": gold["story"], "head_hops_gold": [h["paragraph_first_words"] for _, h, _ in gold_hops],
                         "head_hops_found": [work.text[h.start:h.start + 40] for h, _ in hops_found]})
    return {"counts": counts, "mistakes": mistakes}


def _pct(a: int, b: int) -> float | None:
    return round(100 * a / b, 2) if b else None


def evaluate_pov(path, pattern: str = "*") -> dict:
    from ficmeld.pipeline import run_stages
    from ficmeld.ingest import read_work

    folder = Path(path)
    golds = sorted((folder / "gold").glob(f"{pattern}.json")) if (folder / "gold").is_dir() else []
    if not golds:
        raise FicmeldError(f"no gold/{pattern}.json files in {folder}",
                          fix="point at a folder with stories/ and gold/, and a --stories pattern that matches")
    t0 = time.perf_counter()
    total: Counter = Counter()
    mistakes = []
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        work = run_stages(read_work(folder / "stories" / gold["story"]),
                          ["characters", "quotes", "coref", "speakers", "pov"])
        result = score_story(work, gold)
        total.update(result["counts"])
        mistakes.extend(result["mistakes"])
    n = total["scenes"]
    by_person = {person: {k: _pct(total[f"{person}:{k}"], total[f"{person}:scenes"])
                          for k in ("person", "tense", "focal", "all")} | {"scenes": total[f"{person}:scenes"]}
                 for person in ("first", "second", "third", "mixed") if total[f"{person}:scenes"]}
    hop_p = _pct(total["hops_near"], total["predicted_hops"])
    hop_r = _pct(total["hops_near"], total["gold_hops"])
    return {"dataset": folder.name, "stories": len(golds), "scenes": n, "seconds": round(time.perf_counter() - t0, 1),
            "scene_pov_accuracy": _pct(total["all"], n),
            "person_accuracy": _pct(total["person"], n), "tense_accuracy": _pct(total["tense"], n),
            "focal_accuracy": _pct(total["focal"], n), "scene_bounds_accuracy": _pct(total["scene_bounds"], n),
            "by_person": by_person,
            "head_hops": {"gold": total["gold_hops"], "predicted": total["predicted_hops"],
                          "exact_paragraph": total["hops_exact"], "within_one_paragraph": total["hops_near"],
                          "precision": hop_p, "recall": hop_r},
            "mistakes": mistakes}
