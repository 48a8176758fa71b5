#!/usr/bin/env python3
"""Check POV evaluation set 22 (standard library only).

Re-reads every story the way a reader would (front matter, chapters, scene
breaks, end matter), splits the body into scenes, and compares the result with
the gold JSON.  Usage: python3 check.py [SET_DIR]
"""
import json
import os
import re
import sys

SET = sys.argv[1] if len(sys.argv) > 1 else "/tmp/s10out/pov-set22"
PERSONS = {"first", "second", "third", "mixed"}
TENSES = {"past", "present", "mixed"}

# Lines that are a scene break on their own (after stripping).
BREAKS = {"~~~", "~~~~~", "xXx", "\u2726", "* * *", "***", "---"}
MD_CHAPTER = re.compile(r"^##\s+\S")           # "## Chapter One: Spring"
WATTPAD_CHAPTER = re.compile(r"^Chapter \d+ ~ ")  # "Chapter 1 ~ tea"


def single_newline_mode(text):
    """True when the prose itself is one paragraph per line (no blank lines
    between paragraphs), as in a Google-Docs/Discord paste: some block has 4+
    lines, most of them long, and is not Markdown metadata."""
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [l for l in block.split("\n") if l.strip()]
        long_lines = sum(1 for l in lines if len(l) >= 40)
        if (len(lines) >= 4 and long_lines >= len(lines) * 0.6
                and not lines[0].startswith(("---", ">", "**"))):
            return True
    return False


def paragraphs(text):
    """Paragraphs as a reader sees them.

    Normally blank lines separate paragraphs and a multi-line block (YAML,
    `**Label:**` lines, a two-line blockquote) is one paragraph.  In a
    single-newline file every non-empty line is a paragraph.
    """
    if single_newline_mode(text):
        return [l for l in text.split("\n") if l.strip()]
    paras = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [l for l in block.split("\n") if l.strip()]
        if lines:
            paras.append("\n".join(lines))
    return paras


def detect_format(path, text):
    if path.endswith(".md"):
        return "markdown"
    if "Posted originally on the Archive of Our Own" in text[:300]:
        return "ao3-txt"
    if re.search(r"^Rated: Fiction ", text, re.M):
        return "ffnet"
    if re.search(r"^Reads [\d.,K]+ .*Parts \d+", text, re.M):
        return "wattpad"
    lines = text.split("\n")
    if len(lines) > 1 and lines[1].strip() == "Follow":
        return "tumblr"
    if "[end]" in lines or re.search(r"^gdocs draft", text, re.M):
        return "paste"
    return "bare"


def is_break(p):
    return p.strip() in BREAKS


def split_markdown(text):
    """Returns (front, body_paras, end) for Markdown."""
    if text.startswith("---\n"):
        close = text.index("\n---\n", 4)
        text = text[close + 5:]
    paras = paragraphs(text)
    i = 0
    front = []
    # Front matter: title heading, blockquotes (notes, epigraphs), **Label:** lines,
    # paragraphs wholly in italics, until the first chapter heading or prose paragraph.
    while i < len(paras):
        p = paras[i]
        if MD_CHAPTER.match(p):
            break
        if (p.startswith("# ") or p.startswith(">") or p.startswith("**")
                or re.fullmatch(r"_[^_].*_", p, re.S) or re.fullmatch(r"\*[^*].*\*", p, re.S)):
            front.append(p)
            i += 1
            continue
        break
    return front, paras[i:], []


def split_txt(fmt, text):
    paras = paragraphs(text)
    front, end = [], []
    start, stop = 0, len(paras)
    if fmt == "ao3-txt":
        title = paras[0].split("\n")[0].strip()
        stop = paras.index("Afterword") if "Afterword" in paras else len(paras)
        # body starts after the last stand-alone title line (the chapter title) before Afterword
        starts = [k for k in range(1, stop) if paras[k].strip() == title]
        start = starts[-1] + 1
    elif fmt == "ffnet":
        rated = next(k for k, p in enumerate(paras) if p.startswith("Rated: Fiction"))
        k = rated + 1
        while k < len(paras) and paras[k].startswith(("Disclaimer:", "A/N:")):
            k += 1
        start = k
        while stop - 1 > start and paras[stop - 1].startswith("A/N:"):
            stop -= 1
    elif fmt == "tumblr":
        start = next(k for k, p in enumerate(paras) if " | " in p) + 1
        while stop - 1 > start and (paras[stop - 1].startswith("#") or re.fullmatch(r"[\d,]+ notes", paras[stop - 1])):
            stop -= 1
    elif fmt == "wattpad":
        start = next(k for k, p in enumerate(paras) if WATTPAD_CHAPTER.match(p))
        while stop - 1 > start and re.match(r"(thank u|thanks|thank you) for reading", paras[stop - 1], re.I):
            stop -= 1
    elif fmt == "paste":
        # front matter: the header lines before the first blank line
        first_block = re.split(r"\n[ \t]*\n", text.strip("\n"))[0]
        start = len([l for l in first_block.split("\n") if l.strip()])
        ends = [k for k, p in enumerate(paras) if p.strip() == "[end]"]
        if ends:
            stop = ends[0]
    return paras[:start], paras[start:stop], paras[stop:]


def scenes_of(body, fmt):
    scenes, cur, chapter = [], [], -1
    notes = []
    for p in body:
        chap = MD_CHAPTER.match(p) if fmt == "markdown" else WATTPAD_CHAPTER.match(p)
        if chap or is_break(p):
            if cur:
                scenes.append((chapter, cur))
            cur = []
            if chap:
                chapter += 1
            continue
        if fmt == "wattpad" and p.startswith("A/N:"):
            notes.append(p)  # chapter-end note: not part of any scene
            continue
        cur.append(p)
    if cur:
        scenes.append((chapter, cur))
    return scenes, notes


def toks(s, n=6):
    return s.split()[:n]


def main():
    problems = []
    totals = {"scenes": 0, "hops": 0, "words": 0}
    by_pt = {}
    rows = []
    for name in sorted(os.listdir(os.path.join(SET, "stories"))):
        path = os.path.join(SET, "stories", name)
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        fmt = detect_format(path, text)
        if fmt == "markdown":
            front, body, end = split_markdown(text)
        else:
            front, body, end = split_txt(fmt, text)
        scenes, notes = scenes_of(body, fmt)
        all_paras = paragraphs(text)
        line_starts = [l for l in text.split("\n") if l.strip()]
        stem = os.path.splitext(name)[0]
        gpath = os.path.join(SET, "gold", stem + ".json")
        with open(gpath, encoding="utf-8") as fh:
            gold = json.load(fh)
        tag = name
        if gold.get("story") != name:
            problems.append(f"{tag}: gold 'story' is {gold.get('story')!r}")
        gs = gold["scenes"]
        if len(gs) != len(scenes):
            problems.append(f"{tag}: gold has {len(gs)} scenes, reader found {len(scenes)}")
        words = sum(len(p.split()) for _, sc in scenes for p in sc)
        totals["words"] += words
        for i, g in enumerate(gs):
            if g.get("index") != i:
                problems.append(f"{tag}: scene {i} has index {g.get('index')}")
            if set(g) != {"index", "first_words", "person", "tense", "focal", "focal_aliases", "head_hops"}:
                problems.append(f"{tag}: scene {i} keys {sorted(g)}")
            fw = g["first_words"]
            if len(fw.split()) > 6:
                problems.append(f"{tag}: scene {i} first_words has more than 6 tokens")
            n_para = sum(1 for p in all_paras if toks(p, len(fw.split())) == fw.split())
            n_line = sum(1 for l in line_starts if toks(l, len(fw.split())) == fw.split())
            n_pref = sum(1 for p in all_paras if p.startswith(fw))
            if not (n_para == n_line == 1 and n_pref >= 1):
                problems.append(f"{tag}: scene {i} first_words {fw!r} at {n_para} paragraph starts / {n_line} line starts")
            if i < len(scenes):
                sc = scenes[i][1]
                if toks(sc[0]) != fw.split():
                    problems.append(f"{tag}: scene {i} starts {' '.join(toks(sc[0]))!r}, gold says {fw!r}")
            if g["person"] not in PERSONS or g["tense"] not in TENSES:
                problems.append(f"{tag}: scene {i} bad person/tense")
            if g["focal"] not in text:
                problems.append(f"{tag}: scene {i} focal {g['focal']!r} not in file")
            for a in g["focal_aliases"]:
                if a not in text:
                    problems.append(f"{tag}: scene {i} alias {a!r} not in file (case-sensitive)")
                if a == g["focal"]:
                    problems.append(f"{tag}: scene {i} alias repeats focal")
            for h in g["head_hops"]:
                totals["hops"] += 1
                pw = h["paragraph_first_words"]
                n_para = sum(1 for p in all_paras if toks(p, len(pw.split())) == pw.split())
                n_line = sum(1 for l in line_starts if toks(l, len(pw.split())) == pw.split())
                if not (n_para == n_line == 1):
                    problems.append(f"{tag}: hop {pw!r} at {n_para} paragraph starts / {n_line} line starts")
                if i < len(scenes):
                    pos = [k for k, p in enumerate(scenes[i][1]) if toks(p, len(pw.split())) == pw.split()]
                    if len(pos) == 1 and toks(scenes[i][1][pos[0]]) != pw.split():
                        problems.append(f"{tag}: hop {pw!r} is not the paragraph's first 6 tokens")
                    if len(pos) != 1 or pos[0] == 0:
                        problems.append(f"{tag}: hop {pw!r} not inside scene {i} (positions {pos})")
                    else:
                        h_pos = pos[0]
                        rows.append((name, i, h_pos, h["from"], h["to"], pw))
                if h["from"] != g["focal"]:
                    problems.append(f"{tag}: hop 'from' {h['from']!r} is not the scene focal")
                if h["to"] == h["from"] or h["to"] not in text:
                    problems.append(f"{tag}: hop 'to' {h['to']!r} invalid")
            by_pt[(g["person"], g["tense"])] = by_pt.get((g["person"], g["tense"]), 0) + 1
        totals["scenes"] += len(gs)
        chapters = len({c for c, _ in scenes if c >= 0})
        print(f"{name:34s} {fmt:9s} front={len(front):2d} chapters={chapters} scenes={len(scenes)} "
              f"gold={len(gs)} end={len(end)} notes={len(notes)} body_words={words}")
    print()
    print("totals:", totals)
    print("person/tense:", {f"{p}/{t}": n for (p, t), n in sorted(by_pt.items())})
    for r in rows:
        print("hop: %s scene %d paragraph %d (0-based in scene) %s -> %s %r" % r)
    print()
    if problems:
        print(f"{len(problems)} PROBLEM(S):")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
