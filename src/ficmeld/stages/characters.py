"""Characters: the people the body names, clustered under all their names, with nominal mentions.

Names come from stages/names.py. Clustering joins a full name with its first name, surname,
initials, nicknames and title forms; a fandom pack, when the work's fandom has one, adds canon
nicknames ("Bones" is Leonard McCoy) and the archive's character tag. Pronouns are the coref
stage's work.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ficmeld.model.document import Character, Mention
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.stages.lexicon import given_name_genders, nickname_groups, person_nouns, titles
from ficmeld.stages.mention_model import load_model as load_mention_model
from ficmeld.stages.names import (NameOccurrence, front_matter_names, is_given_name, is_person, is_place_name,
                                  name_occurrences, weigh_names)

GENDERED_HONORIFICS = {"mr", "mrs", "ms", "miss", "madam", "madame", "monsieur", "sir", "lady", "lord", "dame",
                       "uncle", "aunt", "king", "queen", "prince", "princess"}
PACK_MIN_CONFIDENCE = 0.35
PLURAL_WORDS = {"people", "folk", "folks", "crowd", "family", "couple", "everybody", "everyone", "all", "both", "others"}


@dataclass(frozen=True)
class NominalHead:
    """What coref needs to know of a nominal mention: its head word, determiner and number."""

    word: str
    lemma: str
    det: str | None
    plural: bool
    head: int = -1      # token index of the head in its paragraph's doc
    head_end: int = -1  # offset in the text where the head word ends


@dataclass
class Cluster:
    keys: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    pack_tag: str | None = None
    pack_gender: str | None = None
    relation: bool = False
    id: str = ""

    def tokens(self) -> list[list[str]]:
        return [k.split() for k in self.keys]

    @property
    def firsts(self) -> set[str]:
        return {t[0].lower() for t in self.tokens() if len(t) >= 1}

    @property
    def lasts(self) -> set[str]:
        return {t[-1].lower() for t in self.tokens() if len(t) >= 2}

    def best_name(self) -> str:
        """The fullest name, written as the story writes names: 'JONAH TEAGUE' in a text-message header
        is 'Jonah Teague' when no other spelling says otherwise."""
        def rank(k: str) -> tuple:
            return (len(k.split()), self.keys[k], not k.isupper(), -len(k))
        # four capitalised words and more are a sign or a letterhead ('KEELEY JONES PUBLIC RELATIONS'), not a name
        eligible = [k for k in self.keys if not (k.isupper() and len(k.split()) > 3)] or list(self.keys)
        best = max(eligible, key=rank)
        if best.isupper() and len(best) > 3:
            return next((k for k in self.keys if k.lower() == best.lower() and not k.isupper()), best.title())
        return best


def _honorific_key(o: NameOccurrence) -> str:
    """'Mrs. Bennet' stays distinct from 'Mr. Bennet': a gendered honorific on a lone surname is part of the name."""
    if o.title and o.title.rstrip(".") in GENDERED_HONORIFICS and len(o.key.split()) == 1:
        return f"{o.surface.split()[0]} {o.key}"
    return o.key


def title_gender(title: str) -> str | None:
    """'male', 'female' or None for a title however written: "Mrs.", "mrs", "Mr"."""
    word = title.lower().rstrip(".")
    return titles().get(word) or titles().get(word + ".")


def _same_given_name(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    groups = nickname_groups()
    return b in groups.get(a, ()) or a in groups.get(b, ()) or b in diminutives(a) or a in diminutives(b)


DIMINUTIVE_ENDINGS = ("ie", "y", "ey")
CLIP_MIN, CLIP_MAX = 3, 5  # "Kim" for "Kimball", "Fred" for "Frederick"


def _clipped_pair(a: str, b: str, full_name: bool) -> bool:
    """One name is the other cut short: "Kim" and "Kimball O'Hara", "Dev" and "Devendra". The long form must
    stand first in a full name or be a known given name, so "Tom" never joins the surname "Tomkins"; two
    forms whose known genders differ ("Chris", "Christine") stay apart."""
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    if _pet_clip(short, long_):
        return True
    if not (CLIP_MIN <= len(short) <= CLIP_MAX and len(long_) >= len(short) + 2 and long_.startswith(short)
            and short.isalpha()):
        return False
    genders = given_name_genders()
    if short in genders and long_ in genders and genders[short] != genders[long_]:
        return False
    return (full_name and b.lower() == long_) or is_given_name(long_)


def _pet_clip(short: str, long_: str) -> bool:
    """A clipped form with a pet ending that no name list knows: "Barty" for "Bartholomew" (Bart + y). A short
    form that is a given name of its own ("Mary", not Margaret's) is left to the nickname lists."""
    stem = short[:-2] if short.endswith("ie") else short[:-1] if short.endswith("y") else None
    return (stem is not None and len(stem) >= 4 and short.isalpha() and len(long_) >= len(stem) + 4
            and long_.startswith(stem) and not is_given_name(short))


def _clipped_forms(word: str, known: Iterable[str]) -> set[str]:
    """The indexed name words that `word` may be a clipped form of, or a longer form of."""
    word = word.lower()
    out = {word[:n] for n in range(CLIP_MIN, min(CLIP_MAX, len(word) - 2) + 1)}
    if CLIP_MIN <= len(word) <= CLIP_MAX:
        out.update(k for k in known if len(k) >= len(word) + 2 and k.startswith(word))
    if word.endswith(("y", "ie")) or len(word) >= 8:
        out.update(k for k in known if _pet_clip(*sorted((word, k), key=len)))
    return out


def diminutives(name: str) -> set[str]:
    """Pet forms made by suffix, for names no nickname list knows: Maud -> Maudie, Tom -> Tommy, Rose -> Rosie."""
    name = name.lower()
    if len(name) < 3 or not name.isalpha() or name.endswith(("y", "ie")):
        return set()
    stems = {name, name + name[-1]} | ({name[:-1]} if name.endswith("e") else set())
    return {stem + end for stem in stems for end in DIMINUTIVE_ENDINGS}


def diminutive_bases(name: str) -> set[str]:
    """The names `name` may be a suffixed pet form of (the inverse of `diminutives`)."""
    name = name.lower()
    out = set()
    for end in DIMINUTIVE_ENDINGS:
        if name.endswith(end) and len(name) - len(end) >= 3:
            stem = name[:-len(end)]
            out.update({stem, stem + "e"})
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                out.add(stem[:-1])
    return {b for b in out if name in diminutives(b)}


def _compatible(key: str, cluster: Cluster) -> bool:
    if cluster.relation:
        return key in cluster.keys
    parts = key.split()
    title = parts[0].lower().rstrip(".") if parts[0].lower().rstrip(".") in GENDERED_HONORIFICS else None
    if title:
        cluster_titles = {t.rstrip(".") for t in cluster.titles} & GENDERED_HONORIFICS
        gender = title_gender(title)
        for t in cluster_titles:
            other = title_gender(t)
            if gender and other and gender != other:
                return False
        for k in cluster.keys:
            kp = k.split()
            kt = kp[0].lower().rstrip(".")
            if kt in GENDERED_HONORIFICS and kt != title and (titles().get(kt) != titles().get(title)):
                return False
        parts = parts[1:]
    if not parts:
        return False
    if len(parts) == 1:
        word = parts[0]
        if not title and _only_married_surname(word, cluster):
            return False
        for k in cluster.keys:
            kp = [p for p in k.split() if p.lower().rstrip(".") not in GENDERED_HONORIFICS]
            if not kp:
                continue
            if word == kp[-1] and (len(kp) > 1 or title):
                if title and len(kp) > 1 and not _title_agrees(title, kp[0]):
                    continue  # "Mrs. Cratchit" is not "Bob Cratchit"
                return True
            if _same_given_name(word, kp[0]) and (len(kp) > 1 or not title):
                return True
            if not title and (len(kp) > 1 or len(k.split()) == 1) and _clipped_pair(word, kp[0], full_name=len(kp) > 1):
                return True
        return False
    first, last = parts[0], parts[-1]
    for k in cluster.keys:
        kp = [p for p in k.split() if p.lower().rstrip(".") not in GENDERED_HONORIFICS]
        if len(kp) >= 2 and kp[-1] == last and (_same_given_name(first, kp[0]) or re.fullmatch(r"[A-Z]\.", first)):
            return True
        if len(kp) == 1 and kp[0] in (first, last) and len(k.split()) == 1:
            return True
        if len(kp) == 1 and kp[0] == last and len(k.split()) == 2 and _title_agrees(k.split()[0], first):
            return True  # "Ebenezer Scrooge" joins "Mr. Scrooge", not "Mrs. Scrooge"
    return False


def _title_agrees(title: str, given: str) -> bool:
    """The honorific's gender does not contradict the given name's ("Mr." and "Ebenezer")."""
    said = title_gender(title)
    known = given_name_genders().get(given.lower())
    return not (said and known and said != known)


WIFE_HONORIFICS = {"mrs", "madam", "madame", "lady", "dame"}  # not "Miss": a girl called "Brisk" by her teacher is Miss Brisk


def _only_married_surname(word: str, cluster: Cluster) -> bool:
    """A bare surname ("Watson") is not the woman the cluster knows only as "Mrs. Watson": narration calls
    women by honorific and surname, men by the surname alone, so it is likelier her husband or kin."""
    if is_given_name(word):
        return False  # "Lady Olivia", "Miss Clara": the honorific stands before her own given name
    forms = [k.split() for k in cluster.keys]
    return bool(forms) and all(len(f) == 2 and f[0].lower().rstrip(".") in WIFE_HONORIFICS and f[1] == word
                               for f in forms)


def cluster_names(keys: Counter, titles_by_key: dict[str, Counter], pack_of: dict[str, tuple[str, str | None]],
                  relations: set[str]) -> list[Cluster]:
    """Join the name keys that name the same person; longest names seed the clusters."""
    clusters: list[Cluster] = []
    by_pack: dict[str, Cluster] = {}
    by_word: dict[str, list[int]] = defaultdict(list)  # lower-case word -> clusters with a key using it
    groups = nickname_groups()

    def candidates(key: str) -> list[Cluster]:
        """Only clusters sharing a word or a nickname with `key` can be compatible with it."""
        found: set[int] = set()
        for word in key.lower().split():
            for form in {*groups.get(word, (word,)), *diminutives(word), *diminutive_bases(word),
                         *_clipped_forms(word, by_word)}:
                found.update(by_word.get(form, ()))
        return [clusters[i] for i in sorted(found)]

    position: dict[int, int] = {}

    def index(c: Cluster, key: str) -> None:
        at = position.setdefault(id(c), len(position))
        for word in key.lower().split():
            if at not in by_word[word]:
                by_word[word].append(at)

    order = sorted(keys, key=lambda k: (-len(k.split()), -keys[k], k))
    for key in order:
        if key in relations:
            c = Cluster(relation=True)
            c.keys[key] = keys[key]
            clusters.append(c)
            index(c, key)
            continue
        pack = pack_of.get(key)
        if pack:
            c = by_pack.get(pack[0])
            if c is None:
                c = Cluster(pack_tag=pack[0], pack_gender=pack[1])
                by_pack[pack[0]] = c
                clusters.append(c)
        else:
            matches = [c for c in candidates(key) if _compatible(key, c)]
            if not matches:
                c = Cluster()
                clusters.append(c)
            else:
                c = max(matches, key=lambda m: sum(m.keys.values()))
        c.keys[key] += keys[key]
        c.titles.update(titles_by_key.get(key, {}))
        index(c, key)
    return clusters


def _packs(work: Work):
    try:
        from ficmeld.fandoms import detect_fandoms
    except ImportError:
        return []
    matches = [m for m in detect_fandoms(work) if m.confidence >= PACK_MIN_CONFIDENCE]
    work.scratch["fandoms"] = matches
    return [m.pack for m in matches]


def _pack_lookup(packs, surface: str, key: str, title: str | None):
    """The pack character a name denotes; never one of the other gender than its title ("Mrs. Watson" is not
    John Watson, though the pack knows him as "Watson")."""
    said = title_gender(title) if title else None
    words = key.split()
    # 'Ino Yamanaka' for the tag 'Yamanaka Ino': fans write a two-word name in either order
    swapped = f"{words[1]} {words[0]}" if len(words) == 2 and not title else None
    for pack in packs:
        for name in (surface, key, f"{title.capitalize()} {key}" if title else None, swapped):
            if name:
                hit = pack.lookup(name)
                if hit is not None and not (said and hit.gender and hit.gender != said):
                    return hit
    return None


READER = "Y/N"
READER_BLANK = re.compile(r"(?<![\w/])[YyEe]/(?:[LlFfMm]/)?[Nn](?![\w/])")


def tagged_names(work: Work) -> set[str]:
    """The people the work's own tags name ('Characters: Mara Quist, Tobin Hale', 'Relationship: Mara/Tobin'),
    whole and by each capitalised word: the author says they are characters, as a fandom pack would."""
    out: set[str] = set()
    for field in ("characters", "relationships"):
        for tag in work.metadata.get(field) or []:
            for name in relationship_people(str(tag)):
                out.add(name)
                out.update(w for w in name.split() if w[:1].isupper() and w.lower().rstrip(".") not in titles())
    return out


def relationship_people(tag: str) -> list[str]:
    """The names a relationship tag pairs ('Haruno Sakura/Yamanaka Ino', 'Jim & Bones', 'a x b'); a character
    tag gives its own names."""
    return [name for person in re.split(r"\s*(?:/|&|\bx\b)\s*", tag) for name in tag_names(person)]


@stage("characters", requires=("parse",), assigns=("characters", "mentions"))
def find_characters(work: Work) -> None:
    packs = _packs(work)
    pack_aliases = {}
    pack_not: set[str] = set()
    for pack in packs:
        for ch in pack.characters:
            for alias in (ch.tag, *ch.aliases):
                pack_aliases.setdefault(alias.lower(), ch.tag)
        pack_not |= {n.lower() for n in pack.not_characters}
    occurrences = name_occurrences(work, pack_aliases, tagged_names(work))
    occurrences += _pack_alias_occurrences(work, packs, occurrences)
    blanks = _reader_insert_occurrences(work)
    if blanks:  # the parse reads 'Y/N' as names 'N' or 'N. Seriously': the blank replaces them
        taken = SpanIndex((o.start, o.end) for o in blanks)
        occurrences = [o for o in occurrences if not taken.overlaps(o.start, o.end)] + blanks
    occurrences.sort(key=lambda o: o.start)
    for o in occurrences:
        hit = _pack_lookup(packs, o.surface, o.key, o.title)
        if hit is not None:
            o.pack_tag = hit.tag
    pack_person = {o.key.lower() for o in occurrences if o.pack_tag}
    evidence = weigh_names(occurrences, pack_person=pack_person, pack_not=pack_not,
                           known_person_keys=tagged_names(work) | {READER}, titled_elsewhere=front_matter_names(work)[1])

    keys: Counter = Counter()
    titles_by_key: dict[str, Counter] = defaultdict(Counter)
    pack_of: dict[str, tuple[str, str | None]] = {}
    relations = set()
    for o in occurrences:
        key = _honorific_key(o)
        if is_place_name(key):
            continue  # no character, and no cluster for 'Mole' to be swallowed by
        keys[key] += 1
        if o.title:
            titles_by_key[key][o.title] += 1
        if o.pack_tag:
            gender = next((c.gender for p in packs for c in p.characters if c.tag == o.pack_tag), None)
            pack_of[key] = (o.pack_tag, gender)
        if o.relation_of:
            relations.add(key)
    # Cluster every candidate, then judge each cluster as a whole: "Marcus" (tagged a place) and
    # "Marcus Reed" (tagged an organisation) pool their evidence with "Reed remembered".
    all_clusters = cluster_names(keys, titles_by_key, pack_of, relations)
    clusters = []
    for c in all_clusters:
        pooled = _pool(evidence, {k.split(" ", 1)[1] if k.split(" ", 1)[0].lower().rstrip(".") in GENDERED_HONORIFICS and " " in k else k for k in c.keys})
        if c.pack_tag or (pooled is not None and is_person(pooled)):
            clusters.append(c)
    people = {o.key for o in occurrences}
    kept_keys = {k for c in clusters for k in c.keys}
    kept = [o for o in occurrences if _honorific_key(o) in kept_keys]
    people = {o.key for o in kept}
    clusters.sort(key=lambda c: -sum(c.keys.values()))

    cluster_of_key = {}
    characters = []
    for n, c in enumerate(clusters):
        c.id = f"c{n}"
        for k in c.keys:
            cluster_of_key[k] = c
        characters.append(Character(id=c.id, name=c.best_name(), aliases=[], canonical=c.pack_tag, role="mentioned",
                                    mentions=0, gender=_title_gender(c) or c.pack_gender))
    mentions = [Mention(start=o.start, end=o.end, character=cluster_of_key[_honorific_key(o)].id, kind="name")
                for o in kept]
    work.scratch["characters.titles"] = {c.id: {t.rstrip(".") for t in c.titles} for c in clusters}
    work.scratch["characters.name_gender"] = {c.id: g for c in clusters if (g := _given_name_gender(c))}
    work.scratch["characters.not_people"] = {k for k in evidence if k not in people}
    work.characters = characters
    work.mentions = mentions
    work.mentions = mentions + _nominal_mentions(work, people, evidence)
    work.mentions.sort(key=lambda m: (m.start, -m.end))
    _resolve_title_nominals(work, packs)
    refresh_character_views(work)
    _canonical_from_tags(work)


def tag_names(tag: str) -> list[str]:
    """The names an archive character tag gives: 'Yennefer z Vengerbergu | Yennefer of Vengerberg' gives two,
    'Castiel (Supernatural)' one."""
    return [" ".join(part.split()) for part in re.sub(r"\s*\([^)]*\)", "", tag).split("|") if part.strip()]


def _join_names_of_one_tag(work: Work, tags: list[str]) -> None:
    """A tag that gives one person two full names ('Jiang Cheng | Jiang Wanyin', a birth and a courtesy
    name) makes the characters that go by them one."""
    for tag in tags:
        names = {name.lower() for name in tag_names(tag)}
        members = [c for c in work.characters
                   if any(" " in f and f.lower() in names for f in (c.name, *c.aliases))]
        if len(names) > 1 and len(members) > 1:
            keep = max(members, key=lambda c: c.mentions)
            merge_into(work, keep.id, [c.id for c in members])


def _canonical_from_tags(work: Work) -> None:
    """A character the work's own `Characters:` tags name, by a word no other tag shares, gets that tag as
    its canonical name, as a fandom pack would give it ('Yue' -> 'Shen Yue'; not 'Shen', which is two tags')."""
    tags = [str(t) for t in work.metadata.get("characters") or []]
    _join_names_of_one_tag(work, tags)
    names = {t: [{w.lower() for w in name.split()} for name in tag_names(t)] for t in tags}
    words = {t: set().union(*names[t]) for t in tags}
    shared = {w for t in tags for w in words[t] if sum(w in words[o] for o in tags) > 1}
    claims: dict[str, list[Character]] = defaultdict(list)
    for c in work.characters:
        if c.canonical:
            continue
        forms = [{w.lower() for w in f.split() if w.lower().rstrip(".") not in titles()} for f in {c.name, *c.aliases}]
        forms = [f for f in forms if f and not f <= shared]
        hits = {t for t in tags if any(f <= name for f in forms for name in names[t])}
        if len(hits) == 1:
            claims[hits.pop()].append(c)
    for tag, cs in claims.items():
        surname = tag_names(tag)[0].split()[-1].lower()
        # a bare 'Bridgerton' may be any of the family; 'Mr. Spriggs' is someone
        parts = [c for c in cs if not all(f.lower() == surname for f in (c.name, *c.aliases))]
        keep = max(cs, key=lambda c: c.mentions)
        if len(parts) > 1 and len(names[tag]) == 1 and len({c.gender for c in parts} - {None}) <= 1:
            # 'Lucius' and 'Mr. Spriggs', each only a part of the one tag 'Lucius Spriggs': one person
            keep = max(parts, key=lambda c: c.mentions)
            merge_into(work, keep.id, [c.id for c in parts])
        keep.canonical = tag


def _pool(evidence, keys) -> "NameEvidence | None":
    from ficmeld.stages.names import NameEvidence

    parts = [evidence[k] for k in keys if k in evidence]
    if not parts:
        return None
    pooled = NameEvidence(key="|".join(sorted(keys)))
    for e in parts:
        pooled.count += e.count
        pooled.person += e.person
        pooled.labels.update(e.labels)
        pooled.titles.update(e.titles)
    return pooled


def _given_name_gender(c: Cluster) -> str | None:
    genders = given_name_genders()
    votes = Counter()
    firsts = {k.split()[0].lower() for k in c.keys}
    for key, n in c.keys.items():
        parts = [p for p in key.split() if p.lower().rstrip(".") not in GENDERED_HONORIFICS]
        if parts and any(f != parts[0].lower() and f.startswith(parts[0].lower()) for f in firsts):
            continue  # a clipped form ('Leo' of 'Leonie') says nothing of whose name it was cut from
        if parts and len(parts) <= 3:
            g = genders.get(parts[0].lower())
            if g:
                votes[g] += n
    if len(votes) == 1:
        return next(iter(votes))
    return None


def _title_gender(c: Cluster) -> str | None:
    votes = Counter()
    for t, n in c.titles.items():
        g = title_gender(t)
        if g:
            votes[g] += n
    return votes.most_common(1)[0][0] if votes else None


def _reader_insert_occurrences(work: Work) -> list[NameOccurrence]:
    """'Y/N', '(y/n)', 'Y/L/N': the blank a reader-insert story leaves for the reader's name, a character."""
    extra = []
    for p in work.paragraphs:
        if p.part != "body" or p.scene is None:
            continue
        for m in READER_BLANK.finditer(work.text, p.start, p.end):
            extra.append(NameOccurrence(start=m.start(), end=m.end(), surface=m.group(0), key=READER, title=None,
                                        label=None, human_subject=0.0, after_article=False,
                                        after_place_preposition=False))
    return extra


def _pack_alias_occurrences(work: Work, packs, found: list[NameOccurrence]) -> list[NameOccurrence]:
    """Pack aliases the parse did not see as names (a lower-case nickname, 'Bones' tagged as a noun)."""
    if not packs:
        return []
    covered = SpanIndex((o.start, o.end) for o in found)
    extra = []
    aliases = {}
    for pack in packs:
        for ch in pack.characters:
            for alias in (ch.tag, *ch.aliases):
                if alias[:1].isupper() and not alias.lower().startswith(("the ", "his ", "her ")):
                    aliases.setdefault(alias, ch.tag)
    if not aliases:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)) + r")\b")
    for p in work.paragraphs:
        if p.part != "body" or p.scene is None:
            continue
        for m in pattern.finditer(work.text, p.start, p.end):
            s, e = m.start(), m.end()
            if covered.overlaps(s, e):
                continue
            extra.append(NameOccurrence(start=s, end=e, surface=m.group(0), key=m.group(0), title=None, label=None,
                                        human_subject=0.0, after_article=False, after_place_preposition=False,
                                        pack_tag=aliases[m.group(0)]))
    return extra


def _nominal_mentions(work: Work, people: set[str], evidence) -> list[Mention]:
    """Nominal person mentions: the learned model's where it ships, else the person-noun lexicon."""
    model = load_mention_model()
    if model is None:
        return _lexicon_nominals(work, people, evidence)
    names = sorted((m.start, m.end) for m in work.mentions)
    name_starts = [s for s, _ in names]
    heads: dict[tuple[int, int], NominalHead] = {}
    for pp in work.parsed:
        doc = pp.doc
        for head, left, right, _ in model.mentions(doc):
            s = pp.start + doc[left].idx
            e = pp.start + doc[right].idx + len(doc[right].text)
            h = pp.start + doc[head].idx
            i = bisect.bisect_right(name_starts, h) - 1
            if i >= 0 and names[i][0] <= h < names[i][1]:
                continue  # the head is part of a name: the name is the mention
            tok = doc[head]
            det = next((c.lower_ for c in tok.lefts if c.dep_ in ("det", "poss") and c.i >= left), None)
            if tok.pos_ == "PROPN" and det is None:
                continue  # a bare proper noun is the name finder's to judge ("Vulcan" the planet)
            heads[(s, e)] = NominalHead(tok.lower_, tok.lemma_.lower(), det,
                                        tok.tag_ in ("NNS", "NNPS") or tok.lower_ in PLURAL_WORDS,
                                        head, pp.start + tok.idx + len(tok.text))
    out = [Mention(start=s, end=e, character=None, kind="nominal") for s, e in heads]
    for m in _lexicon_nominals(work, people, evidence, species_only=True):
        if (m.start, m.end) not in heads:
            out.append(m)
    work.scratch["characters.nominal_heads"] = {s: h for (s, _), h in heads.items()}
    return out


def _lexicon_nominals(work: Work, people: set[str], evidence, species_only: bool = False) -> list[Mention]:
    """Noun phrases headed by a person noun ('the captain', 'his first officer') or a people-word ('the Vulcan')."""
    nouns = frozenset() if species_only else person_nouns()
    species = {k.lower() for k, e in evidence.items() if k not in people and e.labels.get("NORP", 0) + 0 >= 0}
    if species_only and not species:
        return []
    out = []
    names = sorted((m.start, m.end) for m in work.mentions)
    name_starts = [s for s, _ in names]
    for pp in work.parsed:
        doc = pp.doc
        if species_only and not any(t.pos_ == "PROPN" and t.lower_ in species for t in doc):
            continue  # noun_chunks is costly; most paragraphs have no people-word
        for chunk in doc.noun_chunks:
            root = chunk.root
            lemma = root.lemma_.lower()
            is_species_word = (root.pos_ == "PROPN" and root.text.lower() in species and chunk.start < root.i
                               and doc[chunk.start].lower_ in ("the", "a", "an", "his", "her", "their", "my", "your", "that", "this")
                               and _used_with_indefinite(work, root.text))
            if root.pos_ not in ("NOUN", "PROPN") and not is_species_word:
                continue
            if not is_species_word and lemma not in nouns:
                continue
            start = chunk.start
            while start < root.i and doc[start].pos_ in ("PUNCT", "CCONJ"):
                start += 1
            s, e = pp.start + doc[start].idx, pp.start + root.idx + len(root.text)
            i = bisect.bisect_left(name_starts, e)  # names starting before the chunk ends
            if i and max(ne for _, ne in names[max(0, i - 8):i]) > s:
                continue
            out.append(Mention(start=s, end=e, character=None, kind="nominal"))
    return out


INDEFINITE_NEXT = re.compile(r"\b(?:a|an|another|every)\s+(\w+)")


def _used_with_indefinite(work: Work, word: str) -> bool:
    """'a Vulcan' somewhere in the text: the word names a kind. One pass over the text per work."""
    after = work.scratch.get("characters._indefinite")
    if after is None:
        after = work.scratch["characters._indefinite"] = {m.group(1) for m in INDEFINITE_NEXT.finditer(work.text)}
    return word in after


# A title as written before a name -> the noun a description uses ("Dr. Watson" ... "the doctor").
TITLE_WORDS = {"dr": "doctor", "capt": "captain", "prof": "professor", "lt": "lieutenant", "sgt": "sergeant",
               "cmdr": "commander", "col": "colonel", "gen": "general", "insp": "inspector", "det": "detective"}


def _resolve_title_nominals(work: Work, packs) -> None:
    """'the captain' -> the one character known by that title, from the text ('Captain Kirk') or the pack."""
    holders: dict[str, set[str]] = defaultdict(set)
    for cid, ts in work.scratch.get("characters.titles", {}).items():
        for t in ts:
            holders[TITLE_WORDS.get(t.rstrip("."), t.rstrip("."))].add(cid)
    by_tag = {c.canonical: c.id for c in work.characters if c.canonical}
    for pack in packs:
        for ch in pack.characters:
            if ch.tag not in by_tag:
                continue
            for alias in ch.aliases:
                first = alias.split()[0].lower().rstrip(".")
                if len(alias.split()) >= 2 and first in titles() and first not in GENDERED_HONORIFICS:
                    holders[TITLE_WORDS.get(first, first)].add(by_tag[ch.tag])
    nominal_heads = work.scratch.get("characters.nominal_heads", {})
    for m in work.mentions:
        if m.kind != "nominal" or m.character is not None:
            continue
        words = work.text[m.start:m.end].lower().split()
        if not words or words[0] not in ("the", "his", "her", "their", "my", "your", "our"):
            continue
        known = nominal_heads.get(m.start)
        if known is not None and known.plural:
            continue
        head = known.word if known is not None else words[-1].rstrip(".")
        ids = holders.get(head, set())
        if len(ids) == 1:
            m.character = next(iter(ids))


def _aliases(forms: Counter) -> list[str]:
    """Surface forms, most used first; forms that differ only in case ("The Captain" opening a sentence,
    "the captain") are one alias, spelled as most often written."""
    spelled: dict[str, Counter] = defaultdict(Counter)
    for form, n in forms.items():
        spelled[form.lower()][form] += n
    ranked = sorted(spelled.values(), key=lambda c: -sum(c.values()))
    return [c.most_common(1)[0][0] for c in ranked]


def merge_into(work: Work, keep: str, others: list[str]) -> None:
    """`others` are more names of character `keep`: their mentions and lines move to it."""
    gone = set(others) - {keep}
    if not gone:
        return
    for m in work.mentions:
        if m.character in gone:
            m.character = keep
    for q in work.quotes:
        if q.speaker in gone:
            q.speaker = keep
        if q.addressee in gone:
            q.addressee = keep
    for e in work.emotions:
        if e.experiencer in gone:
            e.experiencer = keep
    work.characters = [c for c in work.characters if c.id not in gone]
    refresh_character_views(work)


def refresh_character_views(work: Work) -> None:
    """Recount mentions and collect aliases (every surface form matched) after any stage adds mentions."""
    counts: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    widened = work.scratch.get("names.widened", {})  # 'old Cotter' is still known as "Cotter"
    for m in work.mentions:
        if m.character is None:
            continue
        counts[m.character] += 1
        first.setdefault(m.character, m.start)
        if m.kind != "pronoun":
            forms[m.character][work.text[widened.get((m.start, m.end), m.start):m.end]] += 1
    for c in work.characters:
        c.mentions = counts[c.id]
        c.aliases = _aliases(forms[c.id])
        c.first_start = first.get(c.id)
