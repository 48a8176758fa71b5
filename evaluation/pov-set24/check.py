#!/usr/bin/env python3
"""Standard-library check for pov-set24.

Re-reads every story the way a reader would (front matter, chapters, scene
breaks, end matter), then checks the gold file against it:
  * scene count in the file == number of gold scenes, indices 0..n-1
  * every first_words is the first <=6 whitespace tokens of that scene's first
    paragraph, and occurs exactly once at a paragraph start in the whole file
  * every head-hop paragraph_first_words occurs exactly once at a paragraph
    start, inside the right scene, and not in its first paragraph
  * person/tense values are valid; focal and aliases occur in the file text
Also prints per-scene words, paragraphs and dialogue share for the README.
"""
import html.parser, json, os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/s11out/pov-set24"
STORIES, GOLD = os.path.join(ROOT, "stories"), os.path.join(ROOT, "gold")

BREAK_RE = re.compile(r"^(\*\s*\*\s*\*|\*{3}|~|~~~|~\*~|o0o|oOo|xXx|❦|⁂|[-–—=]{3,})$")
CHAPTER_RE = re.compile(r"^(Chapter \d+(:.*)?|~ [IVXLC]+ ~)$")
LABEL_RE = re.compile(r"^(by |Fandom:|Pairing:|Rating:|Summary:|Notes?:|A/N|Author's Note|Disclaimer:|Warnings?:)")
END_RE = re.compile(r"^(End notes?:|A/N|Afterword$)", re.I)
QUOTE_RE = re.compile(r"[“”\"]")

def norm(s):
    return " ".join(s.split())

def head(s, n=6):
    return " ".join(s.split()[:n])

# ---------------------------------------------------------------- HTML
BLOCK = {"p", "h1", "h2", "h3", "h4", "dt", "dd", "li"}
VOID = {"br", "hr", "meta", "link", "img", "input"}

class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.recs, self.buf, self.nid = [], [], None, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in VOID:
            if tag == "hr":
                self.recs.append(self._rec("hr", ""))
            elif tag == "br" and self.buf is not None:
                self.buf.append(" ")
            return
        self.nid += 1
        self.stack.append((tag, a.get("class", "").split(), a.get("id", ""), self.nid))
        if tag in BLOCK and self.buf is None:
            self.buf = []
            self.buf_depth = len(self.stack)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.buf is not None and len(self.stack) == self.buf_depth and self.stack[-1][0] == tag:
            t = norm("".join(self.buf))
            self.buf = None
            self.recs.append(self._rec(tag, t))
        while self.stack:
            top = self.stack.pop()
            if top[0] == tag:
                break
    def handle_data(self, d):
        if self.buf is not None:
            self.buf.append(d)
    def _rec(self, tag, text):
        # nearest ancestor with class userstuff, plus a few landmarks
        near = None
        for t, cls, i, nid in reversed(self.stack):
            if "userstuff" in cls:
                near = (t, cls, i, nid)
                break
        cls_here = self.stack[-1][1] if self.stack else []
        in_bq = any(t == "blockquote" and "userstuff" not in c for t, c, i, n in self.stack)
        return {"tag": tag, "text": text, "near": near, "cls": cls_here, "in_bq": in_bq,
                "anc": [(t, c, i) for t, c, i, n in self.stack]}

def read_html(path):
    r = Reader()
    r.feed(open(path, encoding="utf-8").read())
    allp = [x["text"] for x in r.recs if x["tag"] != "hr" and x["text"]]
    chapters, cur, cur_id = [], None, None
    for x in r.recs:
        nu = x["near"]
        if not nu or nu[0] != "div" or nu[2] == "chapters":
            continue                              # notes, summary, preface, chapter headings
        if x["tag"] == "h3" and "landmark" in x["cls"]:
            continue                              # "Work Text:" / "Chapter Text"
        if nu[3] != cur_id:                       # a new body container = a new chapter
            cur_id = nu[3]
            cur = []
            chapters.append(cur)
        cur.append(x)
    scenes, epigraphs, embedded = [], [], 0
    for ch in chapters:
        scene, seen_body = [], False
        for x in ch:
            if x["tag"] == "hr" or (x["tag"] == "p" and BREAK_RE.match(x["text"])):
                if scene:
                    scenes.append(scene)
                scene = []
                continue
            if not x["text"]:
                continue
            if x["in_bq"] and not seen_body:
                epigraphs.append(x["text"])       # epigraph before the first body paragraph
                continue
            if x["in_bq"]:
                embedded += 1                     # quoted letter inside a scene
            seen_body = True
            scene.append(x["text"])
        if scene:
            scenes.append(scene)
    return {"all": allp, "scenes": scenes, "chapters": len(chapters),
            "epigraph": epigraphs, "embedded": embedded}

# ---------------------------------------------------------------- TXT
def read_txt(path):
    raw = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    lines = raw.strip("\n").split("\n")
    blank = sum(1 for l in lines if not l.strip())
    if blank == 0:   # pasted doc: one line = one paragraph
        paras = [l for l in lines if l.strip()]
        kind = "single-newline"
    else:
        paras = [p.strip("\n") for p in re.split(r"\n(?:[ \t]*\n)+", raw) if p.strip()]
        kind = "blank-line"
    allp = [norm(p) for p in paras]
    i, n = 0, len(paras)
    if "Posted originally on the Archive of Our Own" in raw[:400]:
        kind = "ao3-txt"
        # preface: header blocks, then the "Title\nby X" block, then Summary/Notes headings
        # and their indented text; the first unindented paragraph after that is the body
        while i < n and not re.match(r"^.+\nby \S", paras[i]):
            i += 1
        i += 1
        while i < n and (paras[i].strip() in ("Summary", "Notes") or paras[i].startswith("    ")):
            i += 1
        end = next((j for j in range(i, n) if paras[j].strip() == "Afterword"), n)
    else:
        # front matter: leading multi-line header blocks, title line, label lines
        while i < n:
            p = paras[i]
            if CHAPTER_RE.match(p.strip()):
                break
            first = (i == 0)
            if "\n" in p.strip() or LABEL_RE.match(p.strip()) or (first and kind == "single-newline" and len(p) < 80):
                i += 1
                continue
            break
        end = n
        while end > i and END_RE.match(paras[end - 1].strip()):
            end -= 1
    body = paras[i:end]
    scenes, scene, chapters = [], [], 0
    for p in body:
        s = p.strip()
        if CHAPTER_RE.match(s):
            chapters += 1
            if scene:
                scenes.append(scene)
            scene = []
        elif BREAK_RE.match(s):
            if scene:
                scenes.append(scene)
            scene = []
        else:
            scene.append(norm(p))
    if scene:
        scenes.append(scene)
    return {"all": allp, "scenes": scenes, "chapters": max(chapters, 1), "kind": kind,
            "front": [norm(p) for p in paras[:i]], "endm": [norm(p) for p in paras[end:]],
            "epigraph": [], "embedded": 0}

# ---------------------------------------------------------------- checks
def starts(par, fw):
    t = fw.split()
    return par.split()[:len(t)] == t

def main():
    problems, totals, rows = [], {}, []
    for fn in sorted(os.listdir(STORIES)):
        path = os.path.join(STORIES, fn)
        stem = os.path.splitext(fn)[0]
        gold = json.load(open(os.path.join(GOLD, stem + ".json"), encoding="utf-8"))
        if gold["story"] != fn:
            problems.append(f"{fn}: gold story field {gold['story']}")
        doc = read_html(path) if fn.endswith(".html") else read_txt(path)
        flat = norm(open(path, encoding="utf-8").read())
        if fn.endswith(".html"):
            flat = " ".join(doc["all"])
        sc, gs = doc["scenes"], gold["scenes"]
        if len(sc) != len(gs):
            problems.append(f"{fn}: {len(sc)} scenes read, {len(gs)} in gold")
        if [g["index"] for g in gs] != list(range(len(gs))):
            problems.append(f"{fn}: indices not 0..n-1")
        bodywords = sum(len(p.split()) for s in sc for p in s)
        for k, g in enumerate(gs):
            fw = g["first_words"]
            if fw != head(fw) or len(fw.split()) > 6:
                problems.append(f"{fn} s{k}: first_words longer than 6 tokens")
            cnt = sum(1 for p in doc["all"] if starts(p, fw))
            if cnt != 1:
                problems.append(f"{fn} s{k}: first_words {fw!r} at {cnt} paragraph starts")
            if k < len(sc) and head(sc[k][0], len(fw.split())) != fw:
                problems.append(f"{fn} s{k}: scene starts {head(sc[k][0])!r}, gold {fw!r}")
            if g["person"] not in ("first", "second", "third", "mixed") or g["tense"] not in ("past", "present", "mixed"):
                problems.append(f"{fn} s{k}: bad person/tense")
            for name in [g["focal"]] + g["focal_aliases"]:
                if not re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flat):
                    problems.append(f"{fn} s{k}: name {name!r} not in file")
            for h in g["head_hops"]:
                pf = h["paragraph_first_words"]
                cnt = sum(1 for p in doc["all"] if starts(p, pf))
                if cnt != 1:
                    problems.append(f"{fn} s{k}: hop {pf!r} at {cnt} paragraph starts")
                pos = [j for j, p in enumerate(sc[k]) if starts(p, pf)] if k < len(sc) else []
                if not pos or pos[0] == 0:
                    problems.append(f"{fn} s{k}: hop {pf!r} not inside scene (pos {pos})")
                if h["from"] != g["focal"]:
                    problems.append(f"{fn} s{k}: hop from != focal")
                rows.append(("hop", fn, k, pos[0] if pos else None, h["from"], h["to"], pf))
            if k < len(sc):
                s = sc[k]
                w = sum(len(p.split()) for p in s)
                d = sum(1 for p in s if QUOTE_RE.search(p))
                key = f"{g['person']}/{g['tense']}"
                totals[key] = totals.get(key, 0) + 1
                rows.append(("scene", fn, k, len(s), w, d, round(d / len(s), 2), key, g["focal"]))
        info = doc.get("kind", "html")
        print(f"{fn}: {len(sc)} scenes, {doc['chapters']} chapter(s), body words {bodywords}, reader={info}"
              + (f", epigraph={doc['epigraph']!r}" if doc["epigraph"] else "")
              + (f", embedded-quote paragraphs={doc['embedded']}" if doc["embedded"] else ""))
        if fn.endswith(".txt"):
            print(f"    front matter paragraphs: {len(doc['front'])}; end matter paragraphs: {len(doc['endm'])}")
    print()
    print("file scene paragraphs words dialogue_paras dialogue_share person/tense focal")
    for r in rows:
        if r[0] == "scene":
            print(" ", *r[1:])
    print("hops:")
    for r in rows:
        if r[0] == "hop":
            print(" ", *r[1:])
    print("totals:", totals, "scenes:", sum(totals.values()))
    print("PROBLEMS:" if problems else "OK: no problems")
    for p in problems:
        print("  -", p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
