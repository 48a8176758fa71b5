#!/usr/bin/env python3
"""Check the pov-set23 stories against their gold files, reading each file the way a reader would.
Standard library only. Usage: python3 check.py [--stats]"""
import sys, os, re, json, zipfile, posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.abspath(__file__)) if os.path.isdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gold')) else '/tmp/s11out/pov-set23'
VOID = {'br', 'hr', 'img', 'meta', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source', 'image'}
BLOCK = {'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'li', 'blockquote', 'section', 'article',
         'header', 'footer', 'main', 'nav', 'td', 'tr', 'table', 'ol', 'ul', 'dl', 'center', 'body', 'html', 'span_block',
         'select', 'option', 'textarea', 'button', 'time', 'aside', 'form', 'svg'}
ITAL = {'i', 'em'}
BREAK_RE = re.compile(r'^[\s*~xXoO⋆✦•·#\-–—=+⁂]+$')


class Blocks(HTMLParser):
    """Turns a page into a list of events: ('p', text, ancestors, all_italic) and ('hr', ancestors).
    A paragraph ends at a block boundary or at two or more <br> in a row (LiveJournal style)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # (tag, id, classes, attrs)
        self.events = []
        self.buf = []        # (text, italic)
        self.brs = 0
        self.skip = 0        # inside script/style/title/head

    def anc(self):
        return [(t, i, c) for t, i, c, _ in self.stack]

    def flush(self):
        txt = ''.join(t for t, _ in self.buf)
        norm = ' '.join(txt.split())
        if norm:
            ital = all(it or not t.strip() for t, it in self.buf)
            self.events.append(('p', norm, self.anc(), ital))
        self.buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ('script', 'style', 'title', 'head'):
            self.skip += 1
            if tag != 'head':
                return
        if tag == 'br':
            self.brs += 1
            if self.brs >= 2:
                self.flush()
            else:
                self.buf.append(('\n', True))
            return
        if tag == 'hr':
            self.flush()
            self.events.append(('hr', self.anc() + [('hr', a.get('id'), (a.get('class') or '').split())]))
            return
        if tag == 'a' and a.get('name', '').startswith('cutid'):
            self.flush()
            self.events.append(('cut', self.anc()))
            return
        if tag in BLOCK:
            self.flush()
            self.brs = 0
        if tag in VOID:
            return
        self.stack.append((tag, a.get('id'), (a.get('class') or '').split(), a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and tag not in ('script', 'style', 'title', 'head') and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in ('script', 'style', 'title', 'head'):
            self.skip = max(0, self.skip - 1)
            return
        if tag in VOID:
            return
        if tag in BLOCK:
            self.flush()
            self.brs = 0
        # pop to the matching tag (tolerates sloppy markup)
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data):
        if self.skip:
            return
        if data.strip():
            if self.brs >= 2:
                self.flush()
            self.brs = 0
        ital = any(t in ITAL for t, _, _, _ in self.stack)
        self.buf.append((data, ital))

    def close(self):
        super().close()
        self.flush()


def blocks(markup):
    b = Blocks()
    b.feed(markup)
    b.close()
    return b.events


def has(anc, tag=None, id=None, cls=None):
    for t, i, c in anc:
        if (tag is None or t == tag) and (id is None or i == id) and (cls is None or cls in c):
            return True
    return False


def is_break_text(t):
    return bool(BREAK_RE.match(t)) and len(t) <= 12


# ------------------------------------------------------------------ readers
# Each reader returns dict(front=[paras], chapters=[[scene,[paras]]], end=[paras], all=[every paragraph in the file])

def split_scenes(evts):
    """evts: list of ('p', text) / ('hr',) / ('chapter', title). Returns list of scenes (lists of paragraphs).
    A chapter start and a break both start a scene; a break with nothing before it in the chapter is ignored."""
    scenes, cur = [], []
    for e in evts:
        if e[0] in ('hr', 'chapter'):
            if cur:
                scenes.append(cur)
            cur = []
        else:
            cur.append(e[1])
    if cur:
        scenes.append(cur)
    return scenes


def read_epub(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    info = z.infolist()[0]
    problems = []
    if info.filename != 'mimetype' or info.compress_type != zipfile.ZIP_STORED or z.read('mimetype') != b'application/epub+zip':
        problems.append('mimetype is not first/stored/correct')
    cont = ET.fromstring(z.read('META-INF/container.xml'))
    opf_path = cont.find('.//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile').get('full-path')
    opf = ET.fromstring(z.read(opf_path))
    ns = {'o': 'http://www.idpf.org/2007/opf', 'dc': 'http://purl.org/dc/elements/1.1/'}
    base = posixpath.dirname(opf_path)
    man = {it.get('id'): (it.get('href'), it.get('media-type'), it.get('properties') or '') for it in opf.find('o:manifest', ns)}
    for i, (h, mt, pr) in man.items():
        if posixpath.normpath(posixpath.join(base, h)) not in names:
            problems.append('manifest item missing: ' + h)
    spine = [man[r.get('idref')][0] for r in opf.find('o:spine', ns)]
    meta = opf.find('o:metadata', ns)
    publisher = (meta.findtext('dc:publisher', '', ns) or '')
    contributors = ' '.join(c.text or '' for c in meta.findall('dc:contributor', ns))
    version = opf.get('version')
    docs = []
    for h in spine:
        raw = z.read(posixpath.normpath(posixpath.join(base, h))).decode('utf-8')
        try:
            ET.fromstring(raw.encode('utf-8'))
        except ET.ParseError as ex:
            problems.append('not well-formed XHTML %s: %s' % (h, ex))
        docs.append((h, raw, blocks(raw)))
    if version == '3.0' and not any('nav' in pr for _, _, pr in man.values()):
        problems.append('EPUB 3 without nav')
    if 'Archive of Our Own' in publisher:
        look = 'ao3'
    elif 'calibre' in contributors:
        look = 'calibre'
    elif version == '3.0':
        look = 'epub3'
    elif len(spine) == 1:
        look = 'onefile'
    else:
        look = 'epub?'
    front, end, allp, body = [], [], [], []
    for h, raw, ev in docs:
        for e in ev:
            if e[0] == 'p':
                allp.append(e[1])
        if look == 'ao3':
            # preface file and afterword file are front/end matter; in a chapter file the heading and
            # chapter notes sit in div.meta, the story text in the div.userstuff that is not a blockquote
            if 'preface' in h:
                front += [e[1] for e in ev if e[0] == 'p']
                continue
            if 'afterword' in h:
                end += [e[1] for e in ev if e[0] == 'p']
                continue
            body.append(('chapter', None))
            for e in ev:
                anc = e[-2] if e[0] == 'p' else e[1]
                inbody = has(anc, 'div', cls='userstuff') and not has(anc, 'blockquote')
                if e[0] == 'p' and inbody:
                    body.append(('hr',) if is_break_text(e[1]) else ('p', e[1]))
                elif e[0] == 'hr' and inbody:
                    body.append(('hr',))
                elif e[0] == 'p':
                    front.append(e[1])  # chapter heading and chapter notes: not scene text
        elif look == 'calibre':
            heads = [e[1] for e in ev if e[0] == 'p' and has(e[2], 'h2')]
            if not heads:
                front += [e[1] for e in ev if e[0] == 'p']
                continue
            if heads[0].lower() in ("author's note", 'notes', 'afterword', 'end notes'):
                end += [e[1] for e in ev if e[0] == 'p']
                continue
            body.append(('chapter', heads[0]))
            for e in ev:
                if e[0] == 'p' and not has(e[2], 'h2'):
                    body.append(('hr',) if is_break_text(e[1]) else ('p', e[1]))
        elif look == 'onefile':
            state = 'front'
            for e in ev:
                if e[0] == 'p' and has(e[2], 'h2'):
                    state = 'body'
                    body.append(('chapter', e[1]))
                    continue
                if e[0] == 'p' and (has(e[2], 'div', cls='afterword')):
                    state = 'end'
                if state == 'front' and e[0] == 'p':
                    front.append(e[1])
                elif state == 'end' and e[0] == 'p':
                    end.append(e[1])
                elif state == 'body':
                    if e[0] == 'hr' or is_break_text(e[1]):
                        body.append(('hr',))
                    else:
                        body.append(('p', e[1]))
        elif look == 'epub3':
            typ = re.search(r'<body[^>]*epub:type="([^"]+)"', raw)
            typ = typ.group(1) if typ else ''
            if 'nav' in h:
                continue
            if typ == 'frontmatter':
                front += [e[1] for e in ev if e[0] == 'p']
            elif typ == 'backmatter':
                end += [e[1] for e in ev if e[0] == 'p']
            else:
                for e in ev:
                    if e[0] == 'p' and has(e[2], 'h2'):
                        body.append(('chapter', e[1]))
                    elif e[0] == 'hr':
                        body.append(('hr',))
                    elif e[0] == 'p':
                        body.append(('hr',) if is_break_text(e[1]) else ('p', e[1]))
    return dict(look=look, front=front, scenes=split_scenes(body), end=end, all=allp, problems=problems)


def read_html(path):
    raw = open(path, encoding='utf-8').read()
    ev = blocks(raw)
    allp = [e[1] for e in ev if e[0] == 'p']
    front, end, body, problems = [], [], [], []
    if 'fanfiction.net' in raw[:2000] or "id='storytext'" in raw:
        look = 'ffn'
        inner = [e for e in ev if has(e[2] if e[0] == 'p' else e[1], 'div', id='storytext')]
        # leading author's note / disclaimer and the rule after them; trailing rule and author's note
        k = 0
        while k < len(inner) and inner[k][0] == 'p' and re.match(r'(A/N|Author\'s Note|Disclaimer)', inner[k][1], re.I):
            front.append(inner[k][1]); k += 1
        if front and k < len(inner) and inner[k][0] == 'hr':
            k += 1
        j = len(inner)
        while j > k and inner[j - 1][0] == 'p' and re.match(r'(A/N|Author\'s Note)', inner[j - 1][1], re.I):
            j -= 1
        end = [e[1] for e in inner[j:]]
        if end and j > k and inner[j - 1][0] == 'hr':
            j -= 1
        for e in inner[k:j]:
            body.append(('hr',) if e[0] == 'hr' or is_break_text(e[1]) else ('p', e[1]))
        # header block: summary and Rated line are front matter too
        front = [e[1] for e in ev if e[0] == 'p' and has(e[2], 'div', id='profile_top')] + front
    elif 'dreamwidth' in raw[:3000] or 'livejournal' in raw[:3000]:
        look = 'dreamwidth' if 'dreamwidth' in raw[:3000] else 'livejournal'
        cont = 'entry-content'
        inner = [e for e in ev if e[0] != 'cut' and has(e[2] if e[0] == 'p' else e[1], cls=cont)]
        cutpos = [i for i, e in enumerate(ev) if e[0] == 'cut']
        # everything in the entry before the cut (the bold header fields) is front matter
        pre = [e for e in ev[:cutpos[0]] if e[0] == 'p' and has(e[2], cls=cont)] if cutpos else []
        front = [e[1] for e in pre]
        rest = [e for e in ev[cutpos[0] + 1:] if has(e[2] if e[0] == 'p' else e[1], cls=cont)] if cutpos else inner
        j = len(rest)
        while j > 0 and rest[j - 1][0] == 'p' and rest[j - 1][3]:   # trailing all-italic sign-off
            j -= 1
        end = [e[1] for e in rest[j:]]
        for e in rest[:j]:
            body.append(('hr',) if e[0] == 'hr' or is_break_text(e[1]) else ('p', e[1]))
    elif 'tumblr' in raw[:3000]:
        look = 'tumblr'
        inner = [e for e in ev if e[0] == 'p' and has(e[2], 'div', cls='body-text')]
        k = 0
        while k < len(inner) and re.match(r'(pairing|wc|word count|warnings?|a/n|summary|rating)\s*:', inner[k][1], re.I):
            front.append(inner[k][1]); k += 1
        j = len(inner)
        while j > k and (inner[j - 1][3] or re.match(r'(taglist|reblogs|masterlist)', inner[j - 1][1], re.I)):
            j -= 1
        end = [e[1] for e in inner[j:]]
        for e in inner[k:j]:
            body.append(('hr',) if is_break_text(e[1]) else ('p', e[1]))
    else:
        look = 'personal'
        front = [e[1] for e in ev if e[0] == 'p' and has(e[2], 'div', cls='ficheader')]
        end = [e[1] for e in ev if e[0] == 'p' and has(e[2], 'p', cls='note')]
        for e in ev:
            anc = e[2] if e[0] == 'p' else e[1]
            if has(anc, 'div', cls='story'):
                body.append(('hr',) if e[0] == 'hr' or is_break_text(e[1]) else ('p', e[1]))
    return dict(look=look, front=front, scenes=split_scenes(body), end=end, all=allp, problems=problems)


def tok6(p):
    return ' '.join(p.split()[:6])


def check(stats=False):
    bad = 0
    tot_sc = tot_hop = 0
    rows = []
    for gname in sorted(os.listdir(os.path.join(ROOT, 'gold'))):
        g = json.load(open(os.path.join(ROOT, 'gold', gname), encoding='utf-8'))
        path = os.path.join(ROOT, 'stories', g['story'])
        r = read_epub(path) if path.endswith('.epub') else read_html(path)
        msgs = list(r['problems'])
        starts = [tok6(p) for p in r['all']]
        if len(r['scenes']) != len(g['scenes']):
            msgs.append('scene count: reader %d, gold %d' % (len(r['scenes']), len(g['scenes'])))
        for s in g['scenes']:
            fw = s['first_words']
            n = sum(1 for p in r['all'] if p.split()[:len(fw.split())] == fw.split())
            if n != 1:
                msgs.append('scene %d first_words %r at %d paragraph starts' % (s['index'], fw, n))
            if s['index'] < len(r['scenes']) and tok6(r['scenes'][s['index']][0]) != fw:
                msgs.append('scene %d: reader starts %r, gold %r' % (s['index'], tok6(r['scenes'][s['index']][0]), fw))
            for key in ('person', 'tense'):
                if s[key] not in {'person': ('first', 'second', 'third', 'mixed'), 'tense': ('past', 'present', 'mixed')}[key]:
                    msgs.append('bad %s %r' % (key, s[key]))
            for h in s['head_hops']:
                pf = h['paragraph_first_words']
                n = sum(1 for p in r['all'] if p.split()[:len(pf.split())] == pf.split())
                if n != 1:
                    msgs.append('hop %r at %d paragraph starts' % (pf, n))
                sc = r['scenes'][s['index']] if s['index'] < len(r['scenes']) else []
                pos = [i for i, p in enumerate(sc) if p.split()[:len(pf.split())] == pf.split()]
                if not pos or pos[0] == 0:
                    msgs.append('hop %r not inside scene %d' % (pf, s['index']))
                if h['from'] != s['focal']:
                    msgs.append('hop from %r != focal %r' % (h['from'], s['focal']))
                tot_hop += 1
        tot_sc += len(g['scenes'])
        words = sum(len(p.split()) for sc in r['scenes'] for p in sc)
        print('%-34s %-11s front %2d  scenes %d  end %d  body words %4d  %s' % (
            g['story'], r['look'], len(r['front']), len(r['scenes']), len(r['end']), words, 'OK' if not msgs else 'PROBLEMS'))
        for m in msgs:
            print('    ' + m)
        bad += len(msgs)
        if stats:
            for i, sc in enumerate(r['scenes']):
                dl = sum(1 for p in sc if re.search(r'["“”]', p))
                rows.append((g['story'], i, len(sc), dl, sum(len(p.split()) for p in sc)))
    print('total scenes %d, head-hops %d, problems %d' % (tot_sc, tot_hop, bad))
    if stats:
        print('\nstory scene paragraphs dialogue_paragraphs words')
        for row in rows:
            print('%s %d %d %d %d  (%.0f%%)' % (row + (100.0 * row[3] / row[2],)))
    return bad


if __name__ == '__main__':
    sys.exit(1 if check('--stats' in sys.argv) else 0)
