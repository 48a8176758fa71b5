"""Who 'I' (or 'you') is, and point-of-view markers the author wrote ("Harry's POV").

A first-person narrator is rarely named in their own narration: others name them in dialogue
("Thanks, Harry." said to the narrator), they name themselves ("My name is ..."), or the author
labels the scene or the summary. A name that the narration itself uses as a subject beside 'I'
belongs to someone else.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from ficmeld.model.document import Character, Mention, Quote, Span
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work
from ficmeld.stages.characters import merge_into, relationship_people, tag_names
from ficmeld.stages.names import is_given_name, is_place_name
from ficmeld.stages.quote_patterns import SPEECH_FORMS

POV_LABEL = re.compile(
    r"^[\W_]*(?:pov\s*[:\-–—]?\s*(?P<a>[^\W\d_][\w .'’-]{0,40}?)"
    r"|(?P<b>[^\W\d_][\w .'’-]{0,40}?)(?:['’]s?)?\s*(?:pov|p\.o\.v\.?|point of view|perspective))[\W_]*$",
    re.IGNORECASE,
)
POV_IN_PROSE = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)(?:['’]s?)?\s*(?:POV|P\.O\.V\.?|point of view)", re.IGNORECASE)
POV_NOTES = ("summary", "author_note", "disclaimer")  # the parts where an author says whose POV it is
SEVERAL_HEADS = re.compile(r"\b(?:omniscient|alternating|multiple|multi-?pov|rotating|switching|various|several)\b",
                           re.IGNORECASE)
SELF_CUES = {
    "first": r"my name(?:['’]s| is| was)|call me|I am|I['’]m|I was(?: called| named)?|(?:called|named) myself",
    "second": r"your name(?:['’]s| is| was)|you are|you['’]re",
}
SELF_NAMING = {k: re.compile(rf"\b(?i:{v})\s+$") for k, v in SELF_CUES.items()}
SELF_NAMED = {k: re.compile(rf"\b(?i:{v})\s+(?P<name>[A-Z][\w'’-]+)") for k, v in SELF_CUES.items()}
OWN_NAME_AFTER = {k: re.compile(rf"[\"'”’\s]*(?:[\w'’]+\s+){{0,3}}?{w}\s+(?:own\s+)?name\b", re.IGNORECASE)
                  for k, w in (("first", "my"), ("second", "your"))}
SUMMARY_SUBJECT = re.compile(r"(?:^|(?<=[.!?:]\s)|(?<=[.!?]\s\s))(?:Summary:\s*)?(?P<run>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]+)*)"
                             r"\s+(?:[a-z]+(?:s|ed)\b|is\b|was\b|has\b|had\b|does\b|can\b|will\b)")
# 'Maren Tallqvist's first thousand-mile race, with borrowed dogs': a summary that opens on someone's thing
SUMMARY_POSSESSOR = re.compile(r"(?:^|(?<=[.!?:]\s)|(?<=[.!?]\s\s))(?:Summary:\s*)?(?P<run>[A-Z][\w-]*\.?(?:\s+[A-Z][\w-]+)*)"
                               r"['’]s\s+[a-z]")
# 'as told by the station's radio operator, Marit Solhaug', 'through the eyes of Gwen', 'in Ash's words'
TOLD_BY = re.compile(r"\b(?:(?:told|narrated|recounted)\s+by|through\s+the\s+eyes\s+of|in\s+the\s+words\s+of)\s+"
                     r"(?:(?:[a-z][\w'’-]*,?|the)\s+){0,6}(?P<run>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]+)*)"
                     r"|\b(?:through|in|from)\s+(?P<owner>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]+)*)['’]s?\s+"
                     r"(?:own\s+)?(?:eyes|words|perspective)\b")
# 'Jiang Cheng, second person', 'second person (Mara)', 'First-person Tobin': a name beside the person it is told in
PERSON_NAMED = re.compile(r"(?P<named>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]+)*)\s*[,:(\-–—]?\s*(?i:first|second|1st|2nd)[\s-]person\b"
                          r"|\b(?i:first|second|1st|2nd)[\s-]person\s*[,:(\-–—]?\s*(?i:pov\s*)?"
                          r"(?P<after>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]+)*)")
TOLD_BY_WEIGHT = 2.0  # as sure as 'Ismene POV'
SUMMARY_SUBJECT_WEIGHT = 1.0
SUMMARY_ONLY_CONFIDENCE = 0.3
RELATIONSHIP_WEIGHT = 1.0  # a first- or second-person love story is mostly told by or to one of its tagged pair
SURE_VOTE = 2.0  # a body's votes for a narrator that outweigh a summary's unknown subject: more than one call
SELF_NAMED_WEIGHT = 5.0  # a narrator naming themselves outweighs their name as a subject in narration
SPEAKS = {
    "first": re.compile(r"^[^\w\n]{0,3}[ \t]*(?:I[ \t]+\w+|\w+[ \t]+I\b)"),
    "second": re.compile(r"^[^\w\n]{0,3}[ \t]*(?:you[ \t]+\w+|\w+[ \t]+you\b)", re.IGNORECASE),
}
SPEAKS_BEFORE = {
    "first": re.compile(r"\bI[ \t]+\w+,?[ \t]*$"),
    "second": re.compile(r"\byou[ \t]+\w+,?[ \t]*$", re.IGNORECASE),
}
ADDRESS = re.compile(r"\b(?:you|your|yourself)\b", re.IGNORECASE)  # a vocative beside 'you' names the listener
THATS_ME = re.compile(r"[,;:—–-]*\s*(?:that|it|this)(?:['’]s| is| was)\s+(?:me|myself)\b", re.IGNORECASE)
VOCATIVE_BEFORE = (",", "“", '"', "'", "‘")
SENTENCE_END = (".", "!", "?", "…")
REPORTED_CALL = re.compile(r"\b(?:say|says|said|saying|call|calls|called|tell|tells|told|write|writes|wrote)"
                           r"[ \t]*[,:][ \t]*$", re.IGNORECASE)
VOCATIVE_AFTER = (",", ".", "!", "?", "”", '"', "…", "'", "’", ";", "-", "—", "–")
DECORATION = "~*=-_#<>[]()|+:•·. \t"
MIN_SCORE, MIN_MARGIN = 1.0, 1.0
TAGGED = ("explicit", "anaphoric")  # speaker methods read off a speech tag
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "my", "his", "her", "their"})
TITLE_WORDS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "old", "young", "little", "captain",
               "doctor", "professor", "uncle", "aunt", "master", "mistress", "madam", "father", "mother"}


@dataclass
class Votes:
    score: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    evidence: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    same_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # pooled full-name parts

    def add(self, cid: str, weight: float, span: Span | None = None) -> None:
        self.score[cid] += weight
        if span is not None and weight > 0:
            self.evidence[cid].append(span)

    def decide(self) -> tuple[str | None, float, list[Span]]:
        ranked = sorted(self.score.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < MIN_SCORE:
            return None, 0.0, []
        best, top = ranked[0]
        margin = top - (ranked[1][1] if len(ranked) > 1 else 0.0)
        if margin < MIN_MARGIN:
            return None, 0.0, []
        return best, round(min(0.95, margin / (margin + 2.0)), 3), sorted(self.evidence[best], key=lambda sp: sp.start)


def pov_statements(work: Work, names: dict[str, str]) -> list[tuple[str, Span]]:
    """Characters the summary or the author's notes say the story is told by: 'Ismene POV', 'from Jim's point
    of view'. A name shared with another ('Kirk/Spock POV', 'Kirk and Spock POV') says nothing of one head."""
    out = []
    for part in work.parts:
        if part.kind not in POV_NOTES:
            continue
        for m in POV_IN_PROSE.finditer(work.text, part.start, part.end):
            said = re.sub(r"['’]s?$", "", m.group(1).lower())
            who = names.get(said) or names.get(said.split()[-1])  # the pattern may take a word before the name
            begins = m.start(1) if names.get(said) else m.end(1) - len(said.split()[-1])
            shared = re.search(r"(?:[/&+]|\band|\bx)\s*$", work.text[max(part.start, begins - 6):begins])
            if who and not shared:
                out.append((who, Span(start=m.start(), end=m.end())))
    return out


def declared_pov(work: Work) -> str | None:
    """The one character the front matter says the story is told by, if it names exactly one and does not
    say there are more ('Arthur POV too', 'alternating POV', 'omniscient')."""
    statements = pov_statements(work, name_table(work))
    said = {who for who, _ in statements}
    if len(said) != 1:
        return None
    for _, span in statements:
        if re.match(r"[\s,]*(?:too|also|as well)\b", work.text[span.end:span.end + 12], re.IGNORECASE):
            return None
    front = " ".join(work.text[p.start:p.end] for p in work.parts if p.kind in POV_NOTES)
    return None if SEVERAL_HEADS.search(front) else next(iter(said))


def name_table(work: Work) -> dict[str, str]:
    """Lower-cased name, alias or single name word -> character id, where only one character answers to it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in work.characters:
        if c.name == "Narrator":
            continue
        for form in [c.name, *c.aliases, *(c.canonical and [c.canonical] or [])]:
            owners[form.lower()].add(c.id)
            for word in form.split():
                if len(word) > 2 and word[0].isupper():
                    owners[word.lower()].add(c.id)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}


def label_character(text: str, names: dict[str, str]) -> str | None:
    """The character a POV label names: 'Harry's POV', 'POV: Draco', '~ Hermione's perspective ~'."""
    m = POV_LABEL.match(text.strip())
    if not m:
        return None
    name = (m.group("a") or m.group("b") or "").strip(" .'’-").lower()
    name = re.sub(r"['’]s?$", "", name).strip()
    return names.get(name)


def scene_labels(work: Work) -> dict[int, tuple[str, Span]]:
    """Scene index -> (character, span) for scenes labelled by their first paragraph, the line just before
    them (a break line or heading such as '~ Draco's POV ~'), or their chapter's title."""
    names = name_table(work)
    out: dict[int, tuple[str, Span]] = {}
    first_scene_of_chapter: dict[int | None, int] = {}
    for s in work.scenes:
        first_scene_of_chapter.setdefault(s.chapter, s.index)
    paragraphs = work.paragraphs
    for i, p in enumerate(paragraphs):
        if p.scene is None or p.scene in out or p.part != "body":
            continue
        before = paragraphs[i - 1] if i > 0 and paragraphs[i - 1].scene is None else None
        for q in (p, before):
            if q is None:
                continue
            text = work.text[q.start:q.end]
            who = label_character(text, names) or _bare_name_header(text, names) if len(text.split()) <= 8 else None
            if who is not None:
                out[p.scene] = (who, Span(start=q.start, end=q.end))
                break
        else:
            out.setdefault(p.scene, None)  # looked at: only a scene's opening lines may label it
    for ch in work.chapters:
        scene = first_scene_of_chapter.get(ch.index)
        if scene is not None and out.get(scene) is None and ch.title:
            who = label_character(ch.title, names)
            if who is not None:
                out[scene] = (who, Span(start=ch.start, end=ch.start))
    return {k: v for k, v in out.items() if v is not None}


def _bare_name_header(text: str, names: dict[str, str]) -> str | None:
    """'~Draco~' or '*** Hermione ***' alone on a line: decorated, nothing but a name."""
    stripped = text.strip()
    core = stripped.strip(DECORATION)
    if core == stripped or not core or stripped[0] not in DECORATION:  # '"Harry!"' is a shout, not a label
        return None
    return names.get(core.lower())


def identify(work: Work, person: str, narrator: str | None, quotes: list[Quote],
             narration_subjects: dict[str, int]) -> tuple[str | None, float, list[Span]]:
    """The character 'I' (person='first') or 'you' (person='second') is, with confidence and evidence.

    When several names of one full name were all said to the protagonist ('Tobias', 'Mr. Wren' and
    'Tobias Wren' in the summary), the winner absorbs the others as aliases."""
    names = name_table(work)
    votes = Votes()
    for who, span in scene_labels(work).values():
        votes.add(who, 3.0, span)
    for who, span in pov_statements(work, names):
        votes.add(who, 2.0, span)
    unnamed = _summary_subjects(work, names, votes)
    names_said = sorted((m for m in work.mentions if m.kind == "name" and m.character), key=lambda m: m.start)
    _dialogue_votes(work, person, narrator, quotes, names_said, votes)
    _narration_self_naming(work, person, SpanIndex([(q.start, q.end) for q in quotes]), names, votes)
    paired = relationship_members(work, names)
    for cid in paired:
        votes.add(cid, RELATIONSHIP_WEIGHT)
    for cid in list(votes.score):
        # a name the narration keeps using as a subject is someone the narrator sees
        votes.score[cid] -= 0.75 * min(6, narration_subjects.get(cid, 0))
    votes = _pool_full_names(work, votes, quotes)
    who, confidence, evidence = votes.decide()
    if who is None and not unnamed and not any(v > 0 for v in votes.score.values()):
        # nobody in the body names the protagonist at all, nor does the summary name anyone the body does not:
        # the one character the summary names is the likeliest
        named = summary_characters(work, names)
        if len(named) == 1:
            (who, span), = named.items()
            return who, SUMMARY_ONLY_CONFIDENCE, [span]
    if who is not None and (narrator is not None or person == "second") \
            and len({name for name, _ in unnamed}) == 1 \
            and votes.score[who] - RELATIONSHIP_WEIGHT * (who in paired) < SURE_VOTE:
        # one call in the body is less sure than a summary about someone the body never names; a tag that
        # pairs them only breaks ties between names the body says
        who = None
    if who is not None:
        merge_into(work, who, votes.same_person.get(who, []))
    elif narrator is not None and len({name for name, _ in unnamed}) == 1:
        # nothing in the body names 'I' for sure, and the summary is about someone the body never names
        name, span = unnamed[0]
        placeholder = work.character(narrator)
        if placeholder is not None:
            placeholder.name = name
            return narrator, SUMMARY_ONLY_CONFIDENCE, [span]
    elif person == "second" and len({name for name, _ in unnamed}) == 1:
        # a 'you' no one in the body names, whom the summary names: 'Nina comes back to Ketterdam...'
        name, span = unnamed[0]
        return _summary_protagonist(work, name), SUMMARY_ONLY_CONFIDENCE, [span]
    return who, confidence, evidence


def relationship_members(work: Work, names: dict[str, str]) -> set[str]:
    """The characters the work's relationship tags pair ('Haruno Sakura/Yamanaka Ino', 'Jim & Bones')."""
    out = set()
    for tag in work.metadata.get("relationships") or []:
        for member in relationship_people(str(tag)):
            words = member.split()
            # 'Wren Aldous' where the body says only 'Wren': the full name, its tail, or its given name
            who = named_tail(words, names) or names.get(words[0].lower())
            if who is not None:
                out.add(who)
    return out


def _summary_protagonist(work: Work, name: str) -> str:
    """A new character for someone only the summary names, under the work's own tag for them if one has
    every word of the name ('Nina' -> 'Nina Zenik')."""
    words = set(name.lower().split())
    fits: dict[str, str] = {}  # tag -> its first name that has every word
    for t in work.metadata.get("characters") or []:
        for full in tag_names(str(t)):
            if words <= set(full.lower().split()):
                fits.setdefault(str(t), full)
    tag, full = next(iter(fits.items())) if len(fits) == 1 else (None, name)
    cid = work.new_character_id()
    work.characters.append(Character(id=cid, name=full, aliases=[], canonical=tag, role="mentioned", mentions=0))
    return cid


NAME_PARTICLES = ("von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "ter", "bin", "ibn")
# 'Tobias Wren', 'Moist von Lipwig': capitalised words, a surname particle allowed between them
CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:[ \t]+(?:(?:" + "|".join(NAME_PARTICLES) + r")[ \t]+)?[A-Z][\w'’-]+)+\b")
PAIRED_NAMES = re.compile(r"\b(?P<a>[A-Z][\w'’-]+[ \t]+[A-Z][\w'’-]+)[ \t]+(?:and|&)[ \t]+"
                          r"(?P<b>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)\b")


def full_name_groups(work: Work, candidates: set[str]) -> list[set[str]]:
    """Candidates that are parts of one full name written anywhere in the text, the summary included:
    'Tobias' and 'Mr. Wren' when the summary says 'Tobias Wren'."""
    words: dict[str, set[str]] = defaultdict(set)  # a name word -> the candidates it names
    for c in work.characters:
        if c.id in candidates:
            for form in [c.name, *c.aliases]:
                for w in form.split():
                    if w[0].isupper() and w.lower().rstrip(".") not in TITLE_WORDS:
                        words[w.lower()].add(c.id)  # 'OBSERVER: MIRELA DOBRESCU' in a log unites the two
    groups: list[set[str]] = []
    for m in CAPITALISED_RUN.finditer(work.text):
        run = [w for w in m.group().split() if w not in NAME_PARTICLES]
        for size in (3, 2):
            for i in range(len(run) - size + 1):
                ids = [words.get(w.lower(), set()) for w in run[i:i + size]]
                if not all(len(x) == 1 for x in ids):
                    continue
                group = set().union(*ids)
                if len(group) > 1 and group not in groups:
                    groups.append(group)
    return groups


def _pool_full_names(work: Work, votes: Votes, quotes: list[Quote]) -> Votes:
    """Votes for parts of one full name go to whichever part has the most of them."""
    positive = {cid for cid, v in votes.score.items() if v > 0}
    groups = full_name_groups(work, positive)
    split = _split_name(work, positive, quotes, votes.score)
    if split and not any(split <= g for g in groups):
        groups.append(split)
    for group in groups:
        members = sorted((cid for cid in group if cid in votes.score), key=_id_order)  # ties go the same way every run
        best = max(members, key=lambda cid: votes.score[cid])
        for cid in members:
            if cid != best:
                votes.score[best] += votes.score.pop(cid)
                votes.evidence[best].extend(votes.evidence.pop(cid, []))
                votes.same_person[best].append(cid)
    return votes


def _split_name(work: Work, candidates: set[str], quotes: list[Quote], scores: dict[str, float]) -> set[str] | None:
    """A given name and a surname that only ever address the protagonist ('Gabriel John, you are...',
    'Utterson! The very man.') are one name split in two: nobody else is only a name said in dialogue,
    since the people the narrator sees also act in the narration or speak. Where more names are only
    said, the two with the most votes are taken, if they lead the rest."""
    inside = SpanIndex([(q.start, q.end) for q in quotes])
    seen = {m.character for m in work.mentions if not inside.holds(m.start)} | {q.speaker for q in quotes}
    only_said = sorted(candidates - seen, key=lambda cid: (-scores.get(cid, 0.0), _id_order(cid)))
    if len(only_said) < 2 or (len(only_said) > 2 and scores.get(only_said[1], 0.0) <= scores.get(only_said[2], 0.0)):
        return None
    pair = set(only_said[:2])
    top = max(candidates, key=lambda cid: scores.get(cid, 0.0))
    if scores.get(top, 0.0) > max(scores.get(cid, 0.0) for cid in pair):
        return None  # someone else leads the vote: the two are not the protagonist's names
    names = [work.character(cid).name.split() for cid in pair]
    given = [n for n in names if all(is_given_name(w) for w in n)]
    if len(given) == 1:
        return pair  # 'Catherine' and 'Miss Morland'
    if any(w.lower().rstrip(".") in TITLE_WORDS for n in names for w in n):
        return None  # two people addressed politely ('Miss Smith', 'Mr. Martin')
    # 'Mirela' and 'Dobrescu', names no list knows, one word each; or a nickname and a full name ('Bash' and
    # 'Sebastian Wexler'): not two people
    lengths = sorted(len(n) for n in names)
    return pair if not given and (lengths == [1, 1] or (lengths[0] == 1 and lengths[1] in (2, 3))) else None


def _id_order(cid: str) -> tuple[int, str]:
    """Characters in the order they were made ('c2' before 'c10'): a set's order changes from run to run."""
    digits = cid.lstrip("c")
    return (int(digits), cid) if digits.isdigit() else (10**9, cid)


def _narration_self_naming(work: Work, person: str, inside: SpanIndex, names: dict[str, str], votes: Votes) -> None:
    """'My name is Tobias', 'I called myself Pip' in narration: read off the text, since a name said only
    once may have no mention."""
    for p in work.paragraphs:
        if p.scene is None:
            continue
        for m in SELF_NAMED[person].finditer(work.text, p.start, p.end):
            who = names.get(m.group("name").lower())
            if who is not None and not inside.holds(m.start("name")):
                votes.add(who, SELF_NAMED_WEIGHT, Span(start=m.start("name"), end=m.end("name")))


def _dialogue_votes(work: Work, person: str, narrator: str | None, quotes: list[Quote], names_said: list[Mention],
                    votes: Votes) -> None:
    """Names the protagonist gives themselves in dialogue, and vocatives: said to them (+) or by them (-)."""
    starts = [m.start for m in names_said]
    named_in_narration = _named_in_narration(work, quotes)
    for q in quotes:
        if q.kind not in ("speech", "thought"):
            continue
        paragraph = work.paragraph_at(q.start)
        named_here = named_in_narration.get(paragraph.index, set()) if paragraph is not None else set()
        # implicit attributions (turn-taking, context) are guesses too weak to outvote a vocative
        protagonist_speaks = ((narrator is not None and q.speaker == narrator and q.method in TAGGED)
                              or _speaks(work, q, person))
        inside = names_said[bisect.bisect_left(starts, q.start):bisect.bisect_left(starts, q.end)]
        # 'Dash, you're on the bay. Priscilla, you're the caterer': a line to several is less to each
        vocatives = {m.start: m.character for m in inside if _vocative(work, q, m.start, m.end)}
        called = set(vocatives.values())
        if _only_names(work, q, inside):
            who = {m.character for m in inside}
            if len(who) == 1 and (OWN_NAME_AFTER[person].match(work.text, q.end)
                                  or (protagonist_speaks and len(inside) > 1)):
                # '"Christine." Just my name.', or the protagonist introducing themselves: '"Kim. Kimball O'Hara."'
                votes.add(inside[0].character, SELF_NAMED_WEIGHT, Span(start=inside[0].start, end=inside[0].end))
                continue
        for m in inside:
            span = Span(start=m.start, end=m.end)
            if SELF_NAMING[person].search(work.text[max(q.start, m.start - 20):m.start]):
                if protagonist_speaks:
                    votes.add(m.character, 3.0, span)
                continue
            if THATS_ME.match(work.text, m.end, q.end):
                # 'Poor Ben Gunn, that's me': whoever says it is named, and is the protagonist only if they speak
                votes.add(m.character, SELF_NAMED_WEIGHT if protagonist_speaks else -SELF_NAMED_WEIGHT, span)
                continue
            if m.start not in vocatives or REPORTED_CALL.search(work.text[q.start:m.start]):
                continue  # not a call, or a call inside reported words ('she would say, Waldemar, look')
            # nobody calls themselves by name: a speaker the vocative names was attributed wrongly
            if protagonist_speaks:
                votes.add(m.character, -2.0)
            elif narrator is not None and q.addressee == narrator:
                votes.add(m.character, 2.0, span)
            elif m.character in named_here:
                continue  # the narration names them in this paragraph: the one called is not 'I'
            else:
                addressed = 0.5 if ADDRESS.search(work.text[q.start:q.end]) else 0.0
                votes.add(m.character, ((1.0 if q.speaker else 0.7) + addressed) / len(called), span)


def _named_in_narration(work: Work, quotes: list[Quote]) -> dict[int, set[str]]:
    """Paragraph index -> the characters its narration (outside quotes) names: people the narrator sees from
    outside."""
    inside = SpanIndex([(q.start, q.end) for q in quotes])
    out: dict[int, set[str]] = defaultdict(set)
    for m in work.mentions:
        if m.character is None or m.kind != "name" or inside.holds(m.start):
            continue
        p = work.paragraph_at(m.start)
        if p is not None:
            out[p.index].add(m.character)
    return out


def _only_names(work: Work, q: Quote, inside: list[Mention]) -> bool:
    """The quote says nothing but names: '"Christine."', '"Kim. Kimball O'Hara."'."""
    if not inside:
        return False
    rest, at = [], q.start
    for m in inside:
        rest.append(work.text[at:m.start])
        at = m.end
    rest.append(work.text[at:q.end])
    return not re.search(r"\w", "".join(rest))


def _summary_subjects(work: Work, names: dict[str, str], votes: Votes) -> list[tuple[str, Span]]:
    """A summary is about its protagonist: a character named as a summary sentence's subject ('Dev works the
    early shift', 'Detective Rosa Quill reopens the file') or as the owner it opens on ('Dev's last shift')
    gets a vote, once. Returns the subjects that are
    given names of no character (the body never names them): the narrator may be one."""
    seen = set()
    unknown: list[tuple[str, Span]] = []
    for part in work.parts:
        if part.kind != "summary":
            continue
        found = [*SUMMARY_SUBJECT.finditer(work.text, part.start, part.end),
                 *SUMMARY_POSSESSOR.finditer(work.text, part.start, part.end)]
        for m in sorted(found, key=lambda m: m.start()):
            run = m.group("run").split()
            who = named_tail(run, names)
            span = Span(start=m.start("run"), end=m.end("run"))
            if who is not None and who not in seen:
                seen.add(who)
                votes.add(who, SUMMARY_SUBJECT_WEIGHT, span)
            elif who is None and _names_someone(run):
                unknown.append((" ".join(run), span))
        for run, span in _told_by(work, part, (TOLD_BY, PERSON_NAMED)):
            who = named_tail(run, names)
            if who is not None:
                votes.add(who, TOLD_BY_WEIGHT, span)
            elif _names_someone(run):
                unknown.append((" ".join(run), span))
        if not unknown:
            # a full name the body never uses, paired with one it does: 'the last skate Zofia Brandt and Teo
            # Marsh will do together', where the body names only Teo
            for m in PAIRED_NAMES.finditer(work.text, part.start, part.end):
                for a, b in (("a", "b"), ("b", "a")):
                    run = m.group(a).split()
                    known = [names.get(w.lower()) for w in m.group(b).split()]
                    if len(run) >= 2 and any(known) and not any(names.get(w.lower()) for w in run):
                        unknown.append((m.group(a), Span(start=m.start(a), end=m.end(a))))
    for part in work.parts:  # a note may say it too: 'Jiang Cheng, second person, after the war'
        if part.kind == "author_note":
            for run, span in _told_by(work, part, (PERSON_NAMED,)):
                who = named_tail(run, names)
                if who is not None:
                    votes.add(who, TOLD_BY_WEIGHT, span)
    return unknown


def _told_by(work: Work, part, patterns) -> Iterator[tuple[list[str], Span]]:
    """The name runs `patterns` find in `part` as the one the story is told by or in, with where each is."""
    for pattern in patterns:
        for m in pattern.finditer(work.text, part.start, part.end):
            group = next(g for g, v in m.groupdict().items() if v)
            yield m.group(group).split(), Span(start=m.start(group), end=m.end(group))


def summary_characters(work: Work, names: dict[str, str]) -> dict[str, Span]:
    """Characters the summary names anywhere ('Seventeen-year-old Yoon Da-eun against a man who...'), each
    with where it first does."""
    out: dict[str, Span] = {}
    for part in work.parts:
        if part.kind != "summary":
            continue
        for m in re.finditer(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*", work.text[part.start:part.end]):
            who = named_tail(m.group().split(), names)
            if who is not None:
                out.setdefault(who, Span(start=part.start + m.start(), end=part.start + m.end()))
    return out


def named_tail(run: list[str], names: dict[str, str]) -> str | None:
    """The character the longest tail of a run of capitalised words names: "Detective Rosa Quill" -> Rosa Quill."""
    return next(filter(None, (names.get(" ".join(run[i:]).lower()) for i in range(len(run)))), None)


def _names_someone(run: list[str]) -> bool:
    """'Nell', 'Nell Brisk', 'Dr. Livesey', 'Annika Solberg': a given name, a title and a name, or two or three
    capitalised words that are no place; not 'Captain' alone."""
    if run[0].lower() in DETERMINERS:
        return False  # 'The Post Office is printing a new stamp': a thing, or someone the summary only describes
    if run[0].lower().rstrip(".") in TITLE_WORDS:
        return len(run) > 1 and run[1][:1].isupper()
    # a given name, or a full name no list knows ('Hesper Vane', 'Annika Solberg'), but not a place
    return is_given_name(run[0]) or (2 <= len(run) <= 3 and not is_place_name(" ".join(run)))


def _speaks(work: Work, q: Quote, person: str) -> bool:
    """'"...," I said', 'said I' right after the quote, or 'I said, "..."' before it. After a quote that ends
    its sentence ("Priya N.!" I found myself..., 'said: "...Love Mum x". I showed it') the words after it are
    a tag only with a speech verb."""
    after = work.text[q.end:q.end + 20]
    tagged_after = SPEAKS[person].match(after)
    if tagged_after and (re.search(r"[.!?…][\"'”’]*$", work.text[q.start:q.end]) or re.match(r"[.!?…]", after)):
        tagged_after = any(SPEECH_FORMS.fullmatch(w) for w in re.findall(r"\w+", after)[:2])
    return bool(tagged_after or SPEAKS_BEFORE[person].search(work.text[max(0, q.start - 20):q.start]))


def _vocative(work: Work, q: Quote, start: int, end: int) -> bool:
    before = work.text[q.start:start].rstrip()
    after = work.text[end:q.end].lstrip()
    opens = not before or before.endswith(VOCATIVE_BEFORE) or start == q.start + 1
    closes = not after or after.startswith(VOCATIVE_AFTER)
    # a call that opens a later sentence of the quote: '"...in the capital. Yan Qiu, it's you."'
    calls_anew = before.endswith(SENTENCE_END) and after.startswith((",", "!", "?"))
    return (opens and closes) or calls_anew
