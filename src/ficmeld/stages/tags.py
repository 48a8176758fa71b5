"""Stage `tags`: archive tag suggestions (AO3 and FanFiction.net vocabulary), each with its evidence.

Everything here is read off what the earlier stages found (characters, mentions, quotes, scenes,
emotions) and the content lexicons in resources/lexicons/content.toml; nothing comes from the
work's own declared tags, which the report shows beside these.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ficmeld.fandoms import detect_fandoms
from ficmeld.model.document import Span, TagSuggestion, Tags
from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.nlp.access import sentences

LEAD_ROLES = ("main", "supporting")


@stage("tags", requires=("characters", "quotes", "coref", "speakers", "pov", "roles", "emotions"), assigns=("tags",))
def suggest_tags(work: Work) -> None:
    hits = LexiconHits(work)
    deaths = character_deaths(work)
    tags = Tags()
    tags.fandoms = fandom_tags(work)
    tags.rating = rating(hits, deaths)
    tags.warnings = warnings(work, hits, deaths)
    tags.relationships = relationships(work)
    tags.category = category(work, tags.relationships)
    tags.characters = character_tags(work)
    tags.freeform = freeform(work, hits, deaths, tags.relationships)
    tags.ffnet_rating = ffnet_rating(tags.rating)
    tags.ffnet_genres = ffnet_genres(tags)
    work.tags = tags


# ---- lexicons ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def lexicons() -> dict[str, re.Pattern]:
    """`section.key` -> one compiled alternation of that list's phrases."""
    data = tomllib.loads(resources.files("ficmeld.resources").joinpath("lexicons/content.toml").read_text("utf-8"))
    return {f"{section}.{key}": _compile(words) for section, lists in data.items() for key, words in lists.items()}


def _compile(phrases: list[str]) -> re.Pattern:
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        body = re.escape(p.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if p.endswith("*") else ""))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


class LexiconHits:
    """Lexicon matches in the body text; capitalised hits that are character names do not count."""

    def __init__(self, work: Work):
        self.work = work
        body = [p for p in work.paragraphs if p.part == "body"] or None
        self.regions = [(p.start, p.end) for p in body] if body else [(0, len(work.text))]
        self.names = {a.lower() for c in work.characters for a in (c.name, *c.aliases)}
        self._cache: dict[str, list[Span]] = {}

    def __call__(self, key: str) -> list[Span]:
        if key not in self._cache:
            pattern, text, found = lexicons()[key], self.work.text, []
            for start, end in self.regions:
                for m in pattern.finditer(text, start, end):
                    if m.group()[0].isupper() and m.group().lower() in self.names:
                        continue
                    found.append(Span(start=m.start(), end=m.end()))
            self._cache[key] = found
        return self._cache[key]

    def count(self, key: str) -> int:
        return len(self(key))


def _tag(tag: str, confidence: float, evidence: list[Span], reason: str) -> TagSuggestion:
    return TagSuggestion(tag=tag, confidence=round(max(0.05, min(0.99, confidence)), 3),
                         evidence=sorted(evidence, key=lambda s: s.start)[:12], reason=reason)


def _describe(work: Work, spans: list[Span], limit: int = 4) -> str:
    words = list(dict.fromkeys(work.text[s.start:s.end].lower() for s in spans))
    return ", ".join(f"'{w}'" for w in words[:limit]) + (" …" if len(words) > limit else "")


# ---- fandom -----------------------------------------------------------------------------

def fandom_tags(work: Work) -> list[TagSuggestion]:
    matches = detect_fandoms(work)
    out: list[TagSuggestion] = []
    for m in matches:
        if m.score < matches[0].score / 2:  # a crossover needs comparable evidence of its own
            break
        reason = "; ".join(m.reasons[:6])
        for i, tag in enumerate(m.tags):
            specific = i < len(m.tags) - 1
            out.append(_tag(tag, m.confidence * (0.8 if specific else 1.0), m.evidence, reason))
    return out


# ---- deaths ---------------------------------------------------------------------------

@dataclass
class Death:
    character: str
    confidence: float
    evidence: list[Span]
    cues: list[str]


# lemma -> (weight, how the dying character attaches to the cue word)
DEATH_VERBS = {"die": 0.6, "perish": 0.6, "expire": 0.4, "lose": 0.2, "fade": 0.15, "slip": 0.1, "go": 0.1}
KILL_VERBS = {"kill": 0.6, "murder": 0.6, "slay": 0.6, "execute": 0.5, "assassinate": 0.6, "sacrifice": 0.3}
BODY_CLOSES = {"eye": ("close", 0.35), "heart": ("stop", 0.5), "breathing": ("stop", 0.5), "breath": ("stop", 0.4),
               "hand": ("slip", 0.15), "pulse": ("stop", 0.5), "body": ("go", 0.1)}
DEATH_ADJ = {"dead": 0.5, "lifeless": 0.5, "gone": 0.15, "still": 0.1}
DEATH_NOUNS = {"death": 0.4, "funeral": 0.5, "grave": 0.3, "corpse": 0.5, "body": 0.1, "sacrifice": 0.2, "coffin": 0.4}
HEDGES = {"almost", "nearly", "would", "could", "might", "may", "if", "not", "never", "n't", "afraid", "fear"}
DEATH_THRESHOLD = 0.5


def character_deaths(work: Work) -> list[Death]:
    """Main/supporting characters the text lets die: a dying word whose subject, object or owner is them.

    A single strong cue ("X died", "they killed X", "X's funeral") suffices; softer ones (his eyes
    closed, his hand slipped, X lost) add up. Hedged cues (almost, would, if, not) count a fifth.
    """
    leads = {c.id for c in work.characters if c.role in LEAD_ROLES}
    if not leads or not work.parsed:
        return []
    starts = [m.start for m in work.mentions]
    score: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Span]] = defaultdict(list)
    cues: dict[str, list[str]] = defaultdict(list)
    for pp, sent in sentences(work):
        for tok in sent:
            weight, victims = _death_cue(tok)
            if not weight:
                continue
            if _hedged(tok):
                weight *= 0.2
            for victim in victims:
                cid = _character_of(work, starts, pp.start + victim.idx, leads)
                if cid is not None and victim.pos_ == "PRON" and _watcher(work, starts, pp, tok, leads) == cid:
                    # "Spock watched as his eyes closed": no one watches their own eyes close
                    cid = _nearest_other(work, pp.start + tok.idx, cid, leads)
                if cid is None:
                    continue
                score[cid] += weight
                span = Span(start=pp.start + sent.start_char, end=pp.start + sent.end_char)
                if span not in evidence[cid]:
                    evidence[cid].append(span)
                    cues[cid].append(f"'{sent.text.strip()[:80]}'")
                break
    deaths = [Death(c, round(min(0.95, s), 3), evidence[c], cues[c]) for c, s in score.items() if s >= DEATH_THRESHOLD]
    return sorted(deaths, key=lambda d: -d.confidence)


def _death_cue(tok) -> tuple[float, list]:
    """(weight, tokens that may name the one who dies) for one token."""
    lemma = tok.lemma_.lower()
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.pos_ == "VERB":
        for s in subjects:
            owner = BODY_CLOSES.get(s.lemma_.lower())
            if owner and owner[0] == lemma:
                return owner[1], [c for c in s.children if c.dep_ == "poss"]
        if lemma in KILL_VERBS:
            return KILL_VERBS[lemma], objects
        if lemma in DEATH_VERBS and not any(c.dep_ == "dobj" for c in tok.children):
            if lemma == "go" and not any(c.lower_ in ("limp", "still") for c in tok.children):
                return 0.0, []
            return DEATH_VERBS[lemma], subjects
    if tok.pos_ == "ADJ" and lemma in DEATH_ADJ and tok.dep_ in ("acomp", "amod"):
        head = tok.head
        if tok.dep_ == "acomp":
            return DEATH_ADJ[lemma], [c for c in head.children if c.dep_ == "nsubj"]
        return DEATH_ADJ[lemma], [c for c in head.children if c.dep_ == "poss"]
    if tok.pos_ == "NOUN" and lemma in DEATH_NOUNS:
        owners = [c for c in tok.children if c.dep_ == "poss"]
        owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return DEATH_NOUNS[lemma], owners
    return 0.0, []


PERCEPTION = {"watch", "see", "stare", "look", "observe", "feel", "hear"}


def _watcher(work: Work, starts: list[int], pp, tok, leads: set[str]) -> str | None:
    """The character whose perceiving ("X watched as ...") governs this cue, if any."""
    for depth, head in enumerate(tok.ancestors):
        if depth >= 4:
            break
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.lemma_.lower() in PERCEPTION and subject is not None:
            return _character_of(work, starts, pp.start + subject.idx, leads)
    return None


def _nearest_other(work: Work, offset: int, other_than: str, leads: set[str], reach: int = 400) -> str | None:
    named = [m for m in work.mentions if m.kind == "name" and m.character in leads and m.character != other_than
             and abs(m.start - offset) <= reach]
    return min(named, key=lambda m: abs(m.start - offset)).character if named else None


def _hedged(tok) -> bool:
    near = [c.lower_ for c in tok.children] + [c.lower_ for c in tok.head.children if tok.dep_ in ("acomp", "xcomp")]
    return any(w in HEDGES for w in near)


def _character_of(work: Work, starts: list[int], offset: int, leads: set[str]) -> str | None:
    i = bisect.bisect_right(starts, offset) - 1
    while i >= 0 and work.mentions[i].end > offset - 40:
        m = work.mentions[i]
        if m.start <= offset < m.end:
            return m.character if m.character in leads else None
        i -= 1
    return None


# ---- rating and warnings ----------------------------------------------------------------

RATING_ORDER = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")


def rating(hits: LexiconHits, deaths: list[Death]) -> TagSuggestion:
    w = hits.work
    reasons: list[tuple[int, str, list[Span], float]] = []  # (level, why, evidence, confidence)

    def note(level: int, key: str, minimum: int, why: str, confidence: float) -> None:
        spans = hits(key)
        if len(spans) >= minimum:
            reasons.append((level, f"{why}: {_describe(w, spans)}", spans, confidence))

    note(3, "sex.explicit", 6, "explicit sexual content", 0.8)
    note(2, "sex.explicit", 1, "sexual content", 0.6)
    note(2, "profanity.slurs", 1, "slurs", 0.7)
    note(2, "profanity.strong", 4, "frequent strong profanity", 0.6)
    note(2, "violence.graphic", 2, "graphic violence", 0.65)
    note(2, "noncon.words", 1, "sexual violence", 0.7)
    note(1, "profanity.strong", 1, "strong profanity", 0.7)
    note(1, "profanity.moderate", 1, "profanity", 0.65)
    note(1, "sex.suggestive", 2, "sexual situations", 0.55)
    note(1, "violence.general", 3, "violence", 0.55)
    if deaths:
        reasons.append((1, "a character's death", [e for d in deaths for e in d.evidence], 0.6))
    if not reasons:
        mild = hits("profanity.mild")
        why = f"only mild language: {_describe(w, mild)}" if mild else "no profanity, sex or violence found"
        return _tag("General Audiences", 0.6 if mild else 0.7, mild, why)
    level = max(r[0] for r in reasons)
    top = [r for r in reasons if r[0] == level]
    confidence = max(r[3] for r in top) + 0.05 * (len(top) - 1)
    return _tag(RATING_ORDER[level], confidence, [s for r in top for s in r[2]], "; ".join(r[1] for r in top))


def warnings(work: Work, hits: LexiconHits, deaths: list[Death]) -> list[TagSuggestion]:
    out = []
    for d in deaths:
        c = work.character(d.character)
        name = (c.canonical or c.name) if c else d.character
        out.append(_tag("Major Character Death", d.confidence, d.evidence, f"{name} dies: {'; '.join(d.cues[:5])}"))
    out = out[:1] if out else []  # one warning; the strongest death carries it
    graphic = hits("violence.graphic")
    if len(graphic) >= 2:
        out.append(_tag("Graphic Depictions Of Violence", 0.4 + 0.1 * len(graphic), graphic,
                        f"graphic violence: {_describe(work, graphic)}"))
    noncon = hits("noncon.words")
    if noncon:
        out.append(_tag("Rape/Non-Con", 0.5 + 0.1 * len(noncon), noncon, f"non-consent: {_describe(work, noncon)}"))
    underage = underage_sex(work, hits)
    if underage is not None:
        out.append(underage)
    if not out:
        out.append(_tag("No Archive Warnings Apply", 0.7, [], "no death of a main character, graphic violence or non-consent found"))
    return out


# A stated age under 18 ("she was fifteen", "at sixteen"), not a count of minutes or miles.
AGE_UNDER_18 = re.compile(
    r"\b(?:was|is|turned|turns|aged|age of|at)\s+(?:only\s+|just\s+|barely\s+)?"
    r"(?:twelve|thirteen|fourteen|fifteen|sixteen|seventeen|1[2-7])\b(?![:.,]\d)"
    r"(?!\s*(?:minutes?|hours?|days?|weeks?|months?|miles?|feet|foot|yards?|meters?|metres?|percent|times|"
    r"o'clock|%|p\.?m|a\.?m|degrees|dollars|pounds|years\s+ago|years\s+(?:before|after|later)))",
    re.IGNORECASE)


def underage_sex(work: Work, hits: LexiconHits) -> TagSuggestion | None:
    """Explicit sex and a minor's age in the same scene; an age told in another scene does not count."""
    minors = hits("underage.words") + [Span(start=m.start(), end=m.end())
                                       for s, e in hits.regions for m in AGE_UNDER_18.finditer(work.text, s, e)]
    sex = hits("sex.explicit")
    if not minors or len(sex) < 2:
        return None
    bounds = [(sc.start, sc.end) for sc in work.scenes] or [(0, len(work.text))]
    for start, end in bounds:
        minors_here = [m for m in minors if start <= m.start < end]
        sex_here = [x for x in sex if start <= x.start < end]
        if minors_here and len(sex_here) >= 2:
            return _tag("Underage Sex", 0.3 + 0.1 * min(len(sex_here), 4), minors_here + sex_here[:3],
                        f"explicit sex in a scene that gives a character's age under 18: {_describe(work, minors_here)}")
    return None


# ---- relationships and category ---------------------------------------------------------

@dataclass
class Pair:
    a: str
    b: str
    shared: list[int]  # paragraph indices where both are mentioned
    quotes: list[Span]  # quotes one addresses to the other


def relationships(work: Work) -> list[TagSuggestion]:
    lex = lexicons()
    romantic = [lex["relationship.romantic"], lex["sex.suggestive"], lex["sex.explicit"]]
    romantic_re, platonic_re = romantic[0], lex["relationship.platonic"]
    out = []
    for pair in interacting_pairs(work):
        rom, pla = [], []
        for i in pair.shared:
            p = work.paragraphs[i]
            rom += [Span(start=m.start(), end=m.end()) for r in romantic for m in r.finditer(work.text, p.start, p.end)]
            pla += [Span(start=m.start(), end=m.end()) for m in platonic_re.finditer(work.text, p.start, p.end)]
        for q in pair.quotes:
            rom += [Span(start=m.start(), end=m.end()) for m in romantic_re.finditer(work.text, q.start, q.end)]
            pla += [Span(start=m.start(), end=m.end()) for m in platonic_re.finditer(work.text, q.start, q.end)]
        rom, pla = _dedupe(rom), _dedupe(pla)
        a, b = work.character(pair.a), work.character(pair.b)
        names = f"{a.canonical or a.name}", f"{b.canonical or b.name}"
        strength = min(1.0, 0.3 + 0.08 * len(pair.shared) + 0.1 * len(pair.quotes))
        if len(rom) > 1.5 * len(pla) and len(rom) >= 2:
            tag, evidence = f"{names[0]}/{names[1]}", rom
            reason = f"romantic words where both appear: {_describe(work, rom)}"
            confidence = strength * min(1.0, 0.5 + 0.1 * len(rom))
        else:
            tag, evidence = f"{names[0]} & {names[1]}", pla or [work.paragraphs[i] for i in pair.shared[:3]]
            evidence = [Span(start=e.start, end=e.end) for e in evidence]
            reason = (f"platonic words where both appear: {_describe(work, pla)}" if pla
                      else f"together in {len(pair.shared)} paragraphs, no romantic evidence")
            confidence = strength * (0.85 if pla else 0.6)
        out.append(_tag(tag, confidence, evidence, reason))
    return sorted(out, key=lambda t: -t.confidence)


def _dedupe(spans: list[Span]) -> list[Span]:
    return sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: s.start)


def interacting_pairs(work: Work) -> list[Pair]:
    """Pairs of main/supporting characters seen together in 2+ paragraphs or talking to each other."""
    leads = [c for c in work.characters if c.role in LEAD_ROLES]
    order = {c.id: (c.first_start if c.first_start is not None else _first_mention(work, c.id)) for c in leads}
    by_paragraph: dict[int, set[str]] = defaultdict(set)
    for m in work.mentions:
        if m.character in order:
            p = work.paragraph_at(m.start)
            if p is not None:
                by_paragraph[p.index].add(m.character)
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, ids in by_paragraph.items():
        for a in ids:
            for b in ids:
                if order[a] < order[b] or (order[a] == order[b] and a < b):
                    shared[(a, b)].append(index)
    quotes: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for q in work.quotes:
        if q.speaker in order and q.addressee in order and q.speaker != q.addressee:
            a, b = sorted((q.speaker, q.addressee), key=lambda x: (order[x], x))
            quotes[(a, b)].append(Span(start=q.start, end=q.end))
    pairs = []
    for key in set(shared) | set(quotes):
        para, said = sorted(shared.get(key, [])), quotes.get(key, [])
        if len(para) >= 2 or said:
            pairs.append(Pair(key[0], key[1], para, said))
    return sorted(pairs, key=lambda p: -(len(p.shared) + 2 * len(p.quotes)))


def _first_mention(work: Work, character_id: str) -> int:
    return next((m.start for m in work.mentions if m.character == character_id), len(work.text))


CATEGORY_BY_GENDERS = {("male", "male"): "M/M", ("female", "male"): "F/M", ("female", "female"): "F/F"}


def category(work: Work, rels: list[TagSuggestion]) -> list[TagSuggestion]:
    gender = {(c.canonical or c.name): c.gender for c in work.characters}
    found: dict[str, list[TagSuggestion]] = defaultdict(list)
    for r in rels:
        if "/" not in r.tag:
            continue
        a, b = r.tag.split("/", 1)
        found[CATEGORY_BY_GENDERS.get(tuple(sorted((gender.get(a) or "?", gender.get(b) or "?"))), "Other")].append(r)
    if not found:
        return [_tag("Gen", 0.7, [], "no romantic or sexual relationship found")]
    out = [_tag(cat, max(r.confidence for r in rs), [s for r in rs for s in r.evidence], ", ".join(r.tag for r in rs))
           for cat, rs in found.items()]
    if len(found) > 1:
        out.append(_tag("Multi", 0.5, [], "more than one kind of pairing"))
    return out


# ---- characters -------------------------------------------------------------------------

def character_tags(work: Work) -> list[TagSuggestion]:
    base = {"main": 0.9, "supporting": 0.75, "mentioned": 0.45}
    out = []
    for c in sorted(work.characters, key=lambda c: -c.mentions):
        if c.role == "mentioned" and c.mentions < 3:
            continue
        first = next((Span(start=m.start, end=m.end) for m in work.mentions if m.character == c.id), None)
        reason = f"{c.role} character, {c.mentions} mentions" + ("" if c.canonical else ", no fandom pack knows this name")
        out.append(_tag(c.canonical or c.name, base[c.role], [first] if first else [], reason))
    return out


# ---- freeform ---------------------------------------------------------------------------

MISSING_SCENE = re.compile(r"\b(missing scene|coda|episode tag|tag to|set (?:\(?\w+\)? )?(?:at|during|after|before|in)"
                           r" the|takes place (?:at|during|after|before)|fills? in the gap)", re.IGNORECASE)
AU = re.compile(r"\b(AU|alternate universe|alternative universe|modern au|canon divergence|what if)\b", re.IGNORECASE)


def freeform(work: Work, hits: LexiconHits, deaths: list, rels: list[TagSuggestion]) -> list[TagSuggestion]:
    out: list[TagSuggestion] = []
    share = _emotion_share(work)
    sad = share.get("sadness", 0) + share.get("fear", 0)
    happy = share.get("joy", 0) + share.get("trust", 0)
    evidence = lambda names: [Span(start=e.start, end=e.end) for e in work.emotions if e.emotion in names][:12]
    if sad >= 0.35:
        out.append(_tag("Angst", 0.4 + sad, evidence(("sadness", "fear")), f"sadness and fear are {sad:.0%} of the feelings read"))
    if happy >= 0.5 and not deaths and sad < 0.25:
        out.append(_tag("Fluff", 0.3 + happy / 2, evidence(("joy", "trust")), f"joy and trust are {happy:.0%} of the feelings read"))
    hurt, comfort = hits("mood.hurt"), hits("mood.comfort")
    if len(hurt) >= 2 and len(comfort) >= 2:
        out.append(_tag("Hurt/Comfort", 0.5, hurt[:4] + comfort[:4], f"hurt {_describe(work, hurt)} and comfort {_describe(work, comfort)}"))
    friendship = [r for r in rels if " & " in r.tag and r.reason and r.reason.startswith("platonic")]
    if friendship:
        out.append(_tag("Friendship", max(r.confidence for r in friendship), friendship[0].evidence, friendship[0].reason))
    if any("/" in r.tag for r in rels):
        out.append(_tag("Romance", max(r.confidence for r in rels if "/" in r.tag), [], "a romantic relationship"))
    if deaths:
        out.append(_tag("Character Death", deaths[0].confidence, deaths[0].evidence, "a main or supporting character dies"))
    grief = hits("mood.grief")
    if grief or (deaths and share.get("sadness", 0) >= 0.2):
        out.append(_tag("Grief/Mourning", 0.4 + 0.1 * len(grief) + (0.2 if deaths else 0), grief,
                        f"grief words {_describe(work, grief)}" if grief else "sadness after a death"))
    dialogue = _dialogue_share(work)
    if work.paragraphs and dialogue < 0.15:
        out.append(_tag("Introspection", 0.75 - dialogue * 2, [], f"only {dialogue:.0%} of the body is dialogue"))
    out += _pov_tags(work)
    front = [(p.start, p.end) for p in work.parts if p.kind in ("summary", "author_note", "title")]
    for pattern, tag in ((MISSING_SCENE, "Missing Scene"), (AU, "Alternate Universe")):
        spans = [Span(start=m.start(), end=m.end()) for s, e in front for m in pattern.finditer(work.text, s, e)]
        if spans:
            out.append(_tag(tag, 0.6, spans, f"the summary or notes say {_describe(work, spans)}"))
    return out


def _emotion_share(work: Work) -> dict[str, float]:
    total = Counter()
    for e in work.emotions:
        if not e.negated:
            total[e.emotion] += e.intensity
    whole = sum(total.values())
    return {k: v / whole for k, v in total.items()} if whole else {}


def _dialogue_share(work: Work) -> float:
    body = sum(p.end - p.start for p in work.paragraphs if p.part == "body")
    spoken = sum(q.end - q.start for q in work.quotes if q.kind == "speech")
    return spoken / body if body else 0.0


def _pov_tags(work: Work) -> list[TagSuggestion]:
    scenes = [s for s in work.scenes if s.pov is not None]
    if not scenes:
        return []
    out = []
    for person, tag in (("first", "First Person"), ("second", "Second Person")):
        these = [s for s in scenes if s.pov.person == person]
        if len(these) * 2 > len(scenes):
            out.append(_tag(tag, sum(s.pov.confidence for s in these) / len(these),
                            [Span(start=s.start, end=s.end) for s in these], f"{len(these)} of {len(scenes)} scenes in {person} person"))
    holders = [s for s in scenes if s.pov.character is not None and s.pov.confidence >= 0.4]
    distinct = list(dict.fromkeys(s.pov.character for s in holders))
    if len(distinct) >= 2:
        names = [(work.character(c).name if work.character(c) else c) for c in distinct]
        out.append(_tag("Alternating Points of View", min(s.pov.confidence for s in holders),
                        [Span(start=s.start, end=s.start + 1) for s in holders], "scenes told by " + ", ".join(names)))
    return out


# ---- FanFiction.net ---------------------------------------------------------------------

FFN_BY_RATING = {"General Audiences": "K+", "Teen And Up Audiences": "T", "Mature": "M", "Explicit": "M"}


def ffnet_rating(r: TagSuggestion | None) -> TagSuggestion | None:
    if r is None:
        return None
    tag = FFN_BY_RATING[r.tag]
    if r.tag == "General Audiences" and not r.evidence:
        tag = "K"
    return _tag(tag, r.confidence, r.evidence, f"from {r.tag}: {r.reason}")


FFN_GENRES = {"Angst": "Angst", "Hurt/Comfort": "Hurt/Comfort", "Friendship": "Friendship", "Romance": "Romance",
              "Fluff": "Humor", "Grief/Mourning": "Drama", "Character Death": "Tragedy"}


def ffnet_genres(tags: Tags) -> list[TagSuggestion]:
    seen: dict[str, TagSuggestion] = {}
    for t in tags.freeform:
        genre = FFN_GENRES.get(t.tag)
        if genre and genre not in seen:
            seen[genre] = _tag(genre, t.confidence, t.evidence, f"from freeform {t.tag}")
    ranked = sorted(seen.values(), key=lambda t: -t.confidence)[:2]  # FanFiction.net allows two genres
    return ranked or [_tag("General", 0.5, [], "no genre signal")]
