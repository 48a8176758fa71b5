"""What one paragraph's narration says about point of view, read in one pass over its tokens.

Person and tense come from narration only (quotes and italic passages are left out). Focal
evidence is access to a mind: a character as the subject of a cognition, perception or feeling
word, their thought quotes, their mind as a possessed noun; free indirect discourse (questions,
exclamations, hedges in narration) goes to whoever already leads the paragraph. Being seen from
outside ("she seemed calm") counts against a character.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ficmeld.model.document import Mention, Quote, Span
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import ParsedParagraph, Work

if TYPE_CHECKING:
    from spacy.tokens import Token

NARRATOR = "@narrator"  # "I" in narration when no narrator character exists
READER = "@reader"      # "you" in narration

COGNITION = dict.fromkeys(
    """know understand realize realise remember recall think wonder believe figure suppose guess suspect
    assume doubt recognize recognise forget decide consider imagine reflect regret comprehend conclude ponder
    muse dread hope wish want yearn long crave fear respect admire trust envy resent worry reckon""".split(), 1.0)
COGNITION.update(dict.fromkeys("love hate like miss need mind expect appreciate".split(), 0.5))
PERCEPTION = dict.fromkeys("see watch notice hear sense smell taste glimpse observe spot perceive witness listen".split(), 0.6)
PERCEPTION.update({"feel": 0.9, "stare": 0.3, "gaze": 0.3})
STRONG = 0.9  # events at or above this weight count as cognition for a head-hop
INNER_ADJ = dict.fromkeys("aware conscious sure certain unsure uncertain convinced confident curious".split(), 1.0)
INNER_ADJ.update(dict.fromkeys(
    """afraid scared frightened terrified nervous anxious worried glad happy sad sorry relieved angry furious
    annoyed irritated ashamed embarrassed guilty jealous lonely proud grateful thankful disappointed confused
    puzzled surprised shocked hurt tired exhausted desperate hopeful uneasy""".split(), 0.5))
MIND_NOUNS = {"mind": 0.6, "thoughts": 0.6, "thought": 0.4, "heart": 0.4, "gut": 0.4, "stomach": 0.3, "chest": 0.3,
              "head": 0.3, "memory": 0.5, "memories": 0.5, "instincts": 0.4, "perspective": 1.0, "view": 0.5}
OUTSIDE_VIEW = {"seem": -0.4, "appear": -0.4}
LOOKS = frozenset({"look", "seem", "appear", "sound"})
HEDGES = frozenset("perhaps maybe probably surely obviously clearly god damn hell fuck shit honestly really".split())
FIRST = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
THIRD = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself", "they", "them", "their", "themselves"})
PRESENT_MODALS = frozenset({"will", "shall", "can", "may", "must", "'ll", "wo", "ca"})
PAST_MODALS = frozenset({"'d"})
SUBJECTS = ("nsubj", "nsubjpass")
_QUOTE = re.compile(r"“[^”]*”?|\"[^\"\n]*\"?")
ACTION_WEIGHT, ACTION_CAP = 0.1, 0.5
FID_WEIGHT, FID_CAP = 0.25, 1.0
THOUGHT_QUOTE = 1.2


@dataclass
class ParagraphEvidence:
    paragraph: int
    sentences: int = 0
    first: float = 0.0        # first-person pronouns in narration
    second: float = 0.0
    third: float = 0.0        # third-person pronouns and names as subjects
    past: int = 0
    present: int = 0
    interior: int = 0         # free indirect discourse markers
    focus: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cognition: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # strong, unembedded only
    actions: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    named_subjects: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # by name, not pronoun
    evidence: dict[str, list[tuple[float, Span]]] = field(default_factory=lambda: defaultdict(list))
    shift: bool = False       # opens by moving elsewhere: "Meanwhile,", "In the van two blocks away,"

    def add(self, cid: str, weight: float, span: Span | None = None) -> None:
        self.focus[cid] += weight
        if span is not None and weight > 0:
            self.evidence[cid].append((weight, span))

    def leader(self) -> str | None:
        ranked = sorted(((v, k) for k, v in self.focus.items() if v > 0), reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
            return ranked[0][1]
        acted = sorted(((v, k) for k, v in self.actions.items()), reverse=True)
        if acted and (len(acted) == 1 or acted[0][0] > acted[1][0]):
            return acted[0][1]
        return None


class MentionIndex:
    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    def at(self, offset: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0 and self.mentions[i].start > offset - 80:
            m = self.mentions[i]
            if m.start <= offset < m.end:
                return m
            i -= 1
        return None


def narration_quotes(work: Work) -> list[Quote]:
    """The quotes stage's quotes; before that stage has run, paired quotation marks in body paragraphs."""
    if work.quotes or "quotes" in work.done:
        return work.quotes
    return [Quote(start=pp.start + m.start(), end=pp.start + m.end(), kind="speech", speaker=None, addressee=None,
                  confidence=0.0) for pp in work.parsed for m in _QUOTE.finditer(pp.doc.text)]


def italic_thoughts(work: Work) -> list[tuple[int, int]]:
    """Emphasis that reads as a thought (three words or more), not a stressed word."""
    return [(e.start, e.end) for e in work.emphasis if len(work.text[e.start:e.end].split()) >= 3]


class Reader:
    """Reads paragraphs of one work; `narrator` is the character 'I' stands for in narration, if any."""

    def __init__(self, work: Work, narrator: str | None, quotes: list[Quote], names: dict[str, str]):
        self.work = work
        self.quotes = SpanIndex([(q.start, q.end) for q in quotes])
        self.names = names
        self.italics = SpanIndex(italic_thoughts(work))
        self.mentions = MentionIndex(work.mentions)
        self.narrator = narrator

    def read(self, pp: ParsedParagraph, ev: ParagraphEvidence) -> None:
        base = pp.start
        ev.shift = opens_elsewhere(pp.doc)
        for sent in pp.doc.sents:
            narrated = [t for t in sent if not self._quoted(base + t.idx)]
            if not any(t.is_alpha for t in narrated):
                continue
            ev.sentences += 1
            last = narrated[-1]
            if last.text in ("?", "!") or (last.text in ("…", "...") and len(narrated) <= 4):
                ev.interior += 1
            for tok in narrated:
                self._token(tok, base, ev)

    def _quoted(self, offset: int) -> bool:
        return self.quotes.holds(offset) or self.italics.holds(offset)

    def _token(self, tok: "Token", base: int, ev: ParagraphEvidence) -> None:
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in FIRST:
                ev.first += 1
            elif low in FIRST_PLURAL:
                ev.first += 0.5
            elif low in SECOND:
                ev.second += 1
            elif low in THIRD and tok.dep_ in SUBJECTS:
                ev.third += 1
        if low in HEDGES and tok.pos_ in ("ADV", "INTJ"):
            ev.interior += 1
        if tok.dep_ in SUBJECTS:
            who = self.character(tok, base)
            if who is not None:
                if low not in FIRST and low not in SECOND and low not in THIRD:
                    ev.third += 1
                if ev.actions[who] < ACTION_CAP:
                    ev.actions[who] += ACTION_WEIGHT
                if tok.pos_ == "PROPN":
                    ev.named_subjects[who] += 1
        if tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT"):
            tense = finite_tense(tok)
            if tense == "past":
                ev.past += 1
            elif tense == "present":
                ev.present += 1
        self._focal(tok, base, ev)

    def _focal(self, tok: "Token", base: int, ev: ParagraphEvidence) -> None:
        lemma = mind_verb(tok) or tok.lemma_.lower()
        weight, verb = 0.0, tok
        if tok.pos_ == "VERB" and (lemma in COGNITION or lemma in PERCEPTION):
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                return  # "Marcus is supposed to cut the feed", "she was known to...", "could be seen": nobody's mind
            if _unrealised(tok):
                return  # "she turned away before he could see her face": what he never got to see
            weight = COGNITION.get(lemma) or PERCEPTION[lemma]
        elif tok.dep_ in ("acomp", "amod") and tok.lower_ in INNER_ADJ and tok.head.pos_ in ("AUX", "VERB") \
                and tok.head.lemma_.lower() not in LOOKS:  # "look uncertain" is seen from outside: below
            weight, verb = INNER_ADJ[tok.lower_], tok.head
        elif lemma in OUTSIDE_VIEW and tok.pos_ == "VERB":
            weight = OUTSIDE_VIEW[lemma]
        elif lemma in LOOKS and any(c.dep_ in ("acomp", "oprd") for c in tok.children):
            weight = OUTSIDE_VIEW["seem"]  # "she looked tired": seen from outside
        elif tok.lower_ in MIND_NOUNS and tok.pos_ == "NOUN":
            self._possessed_mind(tok, base, ev)
            return
        if not weight:
            return
        subject = subject_of(verb)
        if subject is None:
            return
        who = self.character(subject, base)
        if who is None:
            return
        if any(c.dep_ == "neg" for c in verb.children):
            weight *= 0.5
        embedded = weight > 0 and (_embedded_in_other_mind(verb, subject) or _reported(verb))
        if embedded:
            weight *= 0.3
        named = self.mentions.at(base + subject.idx)
        lo = min(named.start - base if named is not None and named.end - base > subject.idx else subject.idx, tok.idx)
        hi = max(subject.idx + len(subject.text), tok.idx + len(tok.text))
        span = Span(start=base + lo, end=base + hi) if hi - lo <= 60 else Span(start=base + tok.idx, end=base + tok.idx + len(tok.text))
        ev.add(who, weight, span)
        if weight >= STRONG and not embedded:
            ev.cognition[who] += weight

    def _possessed_mind(self, tok: "Token", base: int, ev: ParagraphEvidence) -> None:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            return
        who = self.character(owner, base)
        if who is not None:
            ev.add(who, MIND_NOUNS[tok.lower_], Span(start=base + owner.idx, end=base + tok.idx + len(tok.text)))

    def character(self, tok: "Token", base: int) -> str | None:
        m = self.mentions.at(base + tok.idx)
        if m is not None and m.character is not None:
            return m.character
        if tok.pos_ == "PROPN" and m is None:
            return self.names.get(tok.lower_)  # a name the characters stage let slip
        if tok.lower_ in ("i", "me", "my", "myself"):
            return self.narrator or NARRATOR
        if tok.lower_ in ("you", "your", "yourself"):
            return READER
        return None


def subject_of(verb: "Token") -> "Token | None":
    """The verb's subject, else the subject it shares as a conjunct or an open complement ("wanted to know")."""
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


# Words that move the telling to another strand or a distant place; "across the room" does not.
SHIFT_CUES = re.compile(r"\b(meanwhile|elsewhere|away|downstairs|upstairs|next door|back at|back in|"
                        r"across (the )?(town|city|river|country|world|ocean|sea)|"
                        r"at the same (time|moment)|on the other side)\b", re.I)
SHIFT_OPENER_TOKENS = 10


def opens_elsewhere(doc) -> bool:
    """The paragraph opens with a short verbless phrase that moves the telling to another place or
    strand ("Meanwhile,", "In the van two blocks away,"), where a new head is likelier to take over.
    A paragraph that opens on a line of speech ('"Come away from the window," said...') moves nowhere."""
    if doc[:1].text in ('"', "“", "'", "‘"):
        return False
    for tok in doc[:SHIFT_OPENER_TOKENS + 1]:
        if tok.text == ",":
            opener = doc[:tok.i]
            finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in opener)  # "the parked van" is fine
            return not finite and bool(SHIFT_CUES.search(opener.text))
    return doc[:1].text.lower() in ("meanwhile", "elsewhere")


def mind_verb(tok: "Token") -> str | None:
    """The thinking or perceiving verb `tok` is an inflection of, by lemma or, where the lemmatizer slips
    ("hates" -> "hat"), by its own suffix."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma in COGNITION or lemma in PERCEPTION:
        return lemma
    if lemma == "tell" and (any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in tok.children)
                            or tok.head.lemma_.lower() == "able") \
            and not any(c.dep_ in ("dobj", "dative", "iobj") for c in tok.children):
        return "know"  # "as far as he could tell", "she could tell he lied", "never able to tell what he thought"
    word = tok.lower_
    for suffix, restore in (("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[:-len(suffix)] + restore
            if base in COGNITION or base in PERCEPTION:
                return base
    return None


UNREALISED_MARKS = frozenset({"before", "until", "till", "lest"})
UNREALISED_MODALS = frozenset({"could", "would", "might", "can", "may"})


def _unrealised(verb: "Token") -> bool:
    """A seeing or knowing that a 'before ... could' or 'until ... might' clause puts off."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(marks & UNREALISED_MARKS and modals & UNREALISED_MODALS)


def _embedded_in_other_mind(verb: "Token", subject: "Token") -> bool:
    """'He knew that Spock understood', 'he likes the way she decides': the inner mind is seen through
    the outer one, whatever the path up the parse between them."""
    node = verb
    for _ in range(8):
        if node.head.i == node.i:
            return False
        node = node.head
        outer_lemma = mind_verb(node)
        if outer_lemma is not None:
            outer = subject_of(node)
            if outer is not None and outer.lower_ != subject.lower_:
                return True
    return False


REPORTING = frozenset("say tell claim insist explain admit announce reply write swear".split())
REFLEXIVE = frozenset({"himself", "herself", "themselves", "myself", "yourself"})


def _reported(verb: "Token") -> bool:
    """'He said he felt fine', 'because, he says, they make him feel civilised': a feeling the narration
    only reports someone saying is no look inside them ('she told herself she was not afraid' still is,
    and so is 'she said goodbye and felt relief', where the saying is only coordinated)."""
    node = verb
    for _ in range(6):
        if any(_says(c) for c in node.children if c.dep_ == "parataxis"):
            return True
        if node.head.i == node.i:
            return False
        came = node.dep_
        node = node.head
        if came != "conj" and _says(node):
            return True
    return False


def _says(tok: "Token") -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "tell" and not any(c.dep_ in ("dobj", "dative", "iobj") for c in tok.children):
        return False  # 'she could not tell what he was thinking' is knowing, not saying
    return lemma in REPORTING and not any(c.lower_ in REFLEXIVE for c in tok.children)


def finite_tense(verb: "Token") -> str | None:
    """'past', 'present' or None (modal, imperative, fragment) for a clause's head verb."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    finite = aux[0] if aux else verb
    tag, low = finite.tag_, finite.lower_
    if tag == "MD":
        if low in PRESENT_MODALS:
            return "present"
        return "past" if low in PAST_MODALS else None
    if tag == "VBD" or (tag == "VBN" and not aux):
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    return None
