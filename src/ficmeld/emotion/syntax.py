"""Who feels it and whether it is denied, read from the dependency parse of an emotion cue."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ficmeld.stages.lexicon import person_nouns

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "hardly", "barely", "without"})
TOWARD = frozenset({"of", "with", "at", "for", "toward", "towards", "about", "to"})
REFLEXIVE = frozenset({"myself", "yourself", "himself", "herself", "ourselves", "themselves"})
NO_ONE = frozenset({"nobody", "noone", "none", "nothing"})
PERSONAL = frozenset({"i", "me", "you", "he", "him", "she", "her", "we", "us", "they", "them", "myself",
                      "yourself", "himself", "herself", "ourselves", "themselves", "my", "your", "his", "our", "their"})
# Links from a cue up to the predicate whose subject feels it ("was never scared", "looked at him in anger").
CLIMB = frozenset({"acomp", "xcomp", "attr", "oprd", "advmod", "dobj", "pobj", "prep", "conj", "npadvmod", "advcl", "amod", "appos", "compound"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
BODY = frozenset({"heart", "eye", "eyes", "face", "hand", "hands", "voice", "lip", "lips", "cheek", "cheeks",
                  "chest", "stomach", "throat", "breath", "jaw", "shoulder", "shoulders", "gaze", "mind", "soul",
                  "tear", "tears", "smile", "expression", "body", "knees", "fingers", "brow", "mouth", "skin"})
RELATIVE = frozenset({"who", "that", "which", "whom"})


def is_person(t: "Token") -> bool:
    if t.pos_ == "PRON":
        return t.lower_ in PERSONAL
    return t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.lemma_.lower() in person_nouns()


def is_negated(cue: "Token") -> bool:
    """'never scared', 'not happy', 'no fear', 'without joy', 'didn't smile', 'nobody was angry'."""
    t, hops = cue, 0
    while True:
        if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod", "neg"))
               or (c.lower_ in NO_ONE and c.dep_ in SUBJECTS) for c in t.children):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "without":
            return True
        if t.dep_ not in ("acomp", "xcomp", "attr", "oprd", "dobj") or t.head is t or hops >= 2:
            return False
        t, hops = t.head, hops + 1


def _owner(t: "Token") -> "Token | None":
    """The person a token stands for: itself, or the possessor of a body part ('her heart')."""
    if is_person(t):
        return t
    if t.lemma_.lower() in BODY or t.lower_ in BODY:
        for c in t.children:
            if c.dep_ == "poss" and is_person(c):
                return c
    return None


def experiencer_token(cue: "Token") -> "tuple[Token | None, str]":
    """The token naming who feels `cue`, and the rule that found it ('' when none did)."""
    for c in cue.children:
        if c.dep_ == "poss" and is_person(c):
            return c, "possessor"
    if cue.dep_ == "amod" and is_person(cue.head):
        return cue.head, "modified"
    if cue.dep_ in SUBJECTS:  # "fear gripped him", "tears filled her eyes"
        for c in cue.head.children:
            if c.dep_ in ("dobj", "dative"):
                owner = _owner(c)
                if owner is not None:
                    return owner, "object"
    t, hops = cue, 0
    while hops < 4:
        subject = next((c for c in t.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            if subject.lower_ in RELATIVE and t.dep_ == "relcl":
                subject = t.head
            owner = _owner(subject)
            if owner is not None:
                return owner, "subject"
            for c in t.children:  # "it frightened him": the stimulus is the subject, the feeler the object
                if c.dep_ in ("dobj", "dative") and is_person(c):
                    return c, "object"
            return None, ""
        if t.dep_ not in CLIMB or t.head is t:
            break
        t, hops = t.head, hops + 1
    return None, ""


def target_token(cue: "Token", experiencer_rule: str = "") -> "Token | None":
    """The person a feeling is directed at: 'afraid of him', 'angry with Jim', 'love for her',
    'she hated him' (the object of a feeling verb, unless that object is the one who feels it,
    as in 'it frightened him')."""
    t = cue
    if cue.dep_ in ("acomp", "attr", "dobj") and cue.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ == "prep" for c in cue.children):
        t = cue.head  # 'felt afraid of him' parses 'of him' on the verb at times
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in TOWARD:
            for o in c.children:
                if o.dep_ == "pobj" and _owner(o) is not None:
                    return _owner(o)
    if cue.pos_ == "VERB" and experiencer_rule != "object":
        for c in cue.children:
            if c.dep_ in ("dobj", "dative") and is_person(c) and c.lower_ not in REFLEXIVE:
                return c
    return None


def person_extent(t: "Token") -> tuple[int, int]:
    """Character offsets (in the Doc) of a person token with its name compounds ('James T. Kirk')."""
    left = t
    while t.pos_ == "PROPN" and left.i > t.sent.start and left.doc[left.i - 1].pos_ == "PROPN" \
            and left.doc[left.i - 1].dep_ in ("compound", "flat", "nmod"):
        left = left.doc[left.i - 1]
    return left.idx, t.idx + len(t.text)


def sentence_subject(cue: "Token") -> "Token | None":
    """When the parse links the cue to no one: the person the sentence is about (its main subject),
    else the nearest person before the cue in the sentence."""
    root = cue.sent.root
    for c in root.children:
        if c.dep_ in SUBJECTS:
            owner = _owner(c)
            if owner is not None:
                return owner
    before = [t for t in cue.sent if t.i < cue.i and is_person(t)]
    return before[-1] if before else None
