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


# A census given name counts when at least this share (percent) of people bear it, and it names one
# gender when that gender bears it this many times more often than the other.
CENSUS_MIN_SHARE = 0.005
CENSUS_GENDER_RATIO = 4.0


@functools.cache
def common_words() -> set[str]:
    """Webster's Second International word list (public domain, shipped in the `english-words` package) with
    its case kept: proper nouns are capitalised there, so a lower-case query meets only common words."""
    from english_words import get_english_words_set

    return get_english_words_set(["web2"], lower=False, alpha=True)


ENDINGS = ("s", "es", "er", "est", "ed", "ing", "ly")


def is_common_word(word: str) -> bool:
    """'Hush', 'Whisky', 'Legs', 'Slower': a common English word, as it stands or with a plain ending off."""
    low = word.lower()
    words = common_words()
    return low in words or any(low.endswith(e) and low[:-len(e)] in words for e in ENDINGS if len(low) > len(e) + 2)


@functools.cache
def census_given_names() -> dict[str, str | None]:
    """US Census 1990 given names (public domain, shipped in the `names` package): name -> gender or None."""
    shares: dict[str, dict[str, float]] = {}
    for gender, file in (("male", "dist.male.first"), ("female", "dist.female.first")):
        for line in resources.files("names").joinpath(file).read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= CENSUS_MIN_SHARE:
                shares.setdefault(fields[0].lower(), {})[gender] = float(fields[1])
    out: dict[str, str | None] = {}
    for name, by_gender in shares.items():
        male, female = by_gender.get("male", 0.0), by_gender.get("female", 0.0)
        out[name] = "male" if male >= CENSUS_GENDER_RATIO * female else "female" if female >= CENSUS_GENDER_RATIO * male else None
    return out


@functools.cache
def given_name_genders() -> dict[str, str]:
    """Given name (lower case) -> 'male' or 'female': the project's own list, then the census's one-gender names."""
    ours = dict(line.split() for line in _lines("given_names.txt"))
    census = {name: g for name, g in census_given_names().items() if g is not None}
    return {**census, **ours}


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
    """say tell ask reply answer whisper shout yell scream cry murmur mutter snap add continue explain talk speak
    laugh smile grin frown sigh nod shrug glance look stare gaze watch see notice hear feel know think
    believe wonder realise realize remember understand want wish hope decide sit stand walk run turn
    kiss hug hold touch grab reach lean blink swallow breathe weep sob die marry love hate fear respect""".split()
)
