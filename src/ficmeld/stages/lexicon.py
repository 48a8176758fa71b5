"""Word lists shipped in ficmeld/resources, loaded once."""
from __future__ import annotations

import functools
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("ficmeld.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def person_nouns() -> frozenset[str]:
    return frozenset(_lines("person_nouns.txt"))


@functools.cache
def titles() -> dict[str, str | None]:
    """Title (lower case) -> 'male', 'female' or None."""
    out = {}
    for line in _lines("titles.txt"):
        word, gender = line.rsplit(" ", 1)
        out[word] = None if gender == "-" else gender
    return out


@functools.cache
def given_name_genders() -> dict[str, str]:
    return dict(line.split() for line in _lines("given_names.txt"))


@functools.cache
def nickname_groups() -> dict[str, frozenset[str]]:
    """Every given name or nickname (lower case) -> the set of names it may stand for, itself included."""
    out: dict[str, set[str]] = {}
    for line in _lines("nicknames.txt"):
        group = set(line.split())
        for name in group:
            out.setdefault(name, set()).update(group)
    return {k: frozenset(v) for k, v in out.items()}


PRONOUNS: dict[str, tuple[str, str]] = {
    # surface (lower) -> (person/number/gender class, case)
    "he": ("male", "subj"), "him": ("male", "obj"), "his": ("male", "poss"), "himself": ("male", "refl"),
    "she": ("female", "subj"), "her": ("female", "obj"), "hers": ("female", "poss"), "herself": ("female", "refl"),
    "they": ("plural", "subj"), "them": ("plural", "obj"), "their": ("plural", "poss"), "theirs": ("plural", "poss"),
    "themselves": ("plural", "refl"), "themself": ("plural", "refl"),
    "i": ("first", "subj"), "me": ("first", "obj"), "my": ("first", "poss"), "mine": ("first", "poss"),
    "myself": ("first", "refl"),
    "you": ("second", "subj"), "your": ("second", "poss"), "yours": ("second", "poss"), "yourself": ("second", "refl"),
    "yourselves": ("second", "refl"),
    "we": ("we", "subj"), "us": ("we", "obj"), "our": ("we", "poss"), "ours": ("we", "poss"), "ourselves": ("we", "refl"),
}

HUMAN_VERBS = frozenset(
    """say tell ask reply answer whisper shout yell scream cry murmur mutter snap add continue explain
    laugh smile grin frown sigh nod shrug glance look stare gaze watch see notice hear feel know think
    believe wonder realise realize remember understand want wish hope decide sit stand walk run turn
    kiss hug hold touch grab reach lean blink swallow breathe weep sob die marry love hate fear respect""".split()
)
