"""Finding the names of people in the parse: spaCy's PERSON entities, titles, proper nouns, pack aliases."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from ficmeld.model.work import Work
from ficmeld.nlp.parse import is_dictionary_verb
from ficmeld.stages.lexicon import HUMAN_VERBS, census_given_names, given_name_genders, is_common_word, titles

if TYPE_CHECKING:
    from spacy.tokens import Token

NON_PERSON_LABELS = {"GPE", "LOC", "ORG", "FAC", "PRODUCT", "NORP", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
SAYING_VERBS = {"say", "ask", "reply", "answer", "whisper", "shout", "murmur", "mutter", "talk", "speak"}
ELIDED_PARTICLE = re.compile(r"[a-z]{1,2}['’][A-Z]")  # d'Artagnan, l'Estrange, o'Brien as written
NAME_LINKS = {"-", "van", "von", "de", "du", "da", "di", "del", "della", "der", "le", "la", "ten", "ter"}  # Abraham van Helsing
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# last words that make a capitalised run a place ("Mole End", "Gerrard Street", "the Lock Keeper's Arms"), chosen
# from those that are rarely surnames (not Hall, Wood, Hill, House)
PLACE_HEADS = frozenset("""street road lane avenue square terrace end manor abbey castle palace cathedral station bridge
    harbour harbor crescent gardens row alley boulevard inn tavern arms hotel hospital academy college university
    mill farm cottage""".split())
PLACE_SUFFIXES = ("straat", "strasse", "straße", "gracht", "plein", "platz", "gasse", "gatan", "gade", "kade")
# 'Cloud Pine Sect', 'the Night's Watch Guild': a run ending in one of these is a body of people, not one person
INSTITUTION_HEADS = frozenset("""sect clan guild corps society council ministry agency league monastery convent
    regiment brigade squadron fleet""".split())
WEAK_LABELS = {"ORG", "WORK_OF_ART", "PRODUCT"}  # the small model's guesses for an unfamiliar one-word name
REPEATED_OPENER = 2  # sentence openings as a proper noun that make a never-lower-cased word a name
PLACED_MIN, PLACED_WEIGHT = 2, 2.0
COMMON_WORD = 3.0
GIVEN_NAME = 1.0  # evidence, once per name, that a name starting with a known given name is a person
# Japanese, Korean and Chinese forms of address written after a name with a hyphen, as fan fiction keeps them
NAME_SUFFIX_HONORIFICS = frozenset("""san kun chan sama tan chin senpai sempai sensei dono ssi shi nim hyung oppa
    noona unnie eonni ge gege jie jiejie xiong""".split())
NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
PLACE_PREPOSITIONS = {"on", "to", "from", "at", "in", "into", "onto", "toward", "towards", "across", "of"}
# Capitalised words that start sentences or exclamations and are not names.
NOT_NAMES = {
    "god", "christ", "jesus", "dear", "dearest", "fair", "sweet", "poor", "morning", "evening", "afternoon",
    "goodnight", "goodbye", "bye", "hello", "hi", "hiya", "cheers", "welcome", "congratulations", "oh", "ah",
    "yes", "no", "okay", "ok", "hey", "well", "sure", "please", "thanks", "thank", "sorry",
    "aye", "nay", "yeah", "yep", "yup", "nope", "nah", "alright", "hmm", "huh", "wow", "ugh", "oi", "och", "ooh",
    "mr", "mrs", "ms", "miss", "sir", "madam", "lord", "lady", "captain", "doctor", "dr", "i", "chapter",
    "part", "prologue", "epilogue", "a/n", "p.s.", "p.p.s.", "ps", "pps", "god's", "heaven", "hell", "christmas", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays",
    "fridays", "saturdays", "sundays", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "english", "french", "german",
    "logic", "fate", "death", "love", "mother", "father", "mum", "mom", "dad", "daddy", "mama", "papa",
}
RELATIONS = {"older self", "younger self", "future self", "past self", "counterpart", "double", "mother", "father",
             "brother", "sister", "wife", "husband", "son", "daughter", "uncle", "aunt", "cousin", "grandmother",
             "grandfather", "mum", "mom", "dad", "parents", "boyfriend", "girlfriend", "fiance", "fiancee", "twin",
             "clone", "alternate self", "other self"}
_RELATION_RE = re.compile(r"['’]s\s+(" + "|".join(sorted((re.escape(r) for r in RELATIONS), key=len, reverse=True)) + r")\b")


@dataclass
class NameOccurrence:
    start: int
    end: int
    surface: str          # as written, title included ("Captain Kirk")
    key: str              # the name without title or possessive ("Kirk")
    title: str | None     # lower-case title ("captain") or None
    label: str | None     # spaCy entity label over it, if any
    human_subject: float  # acts like a person: subject of said/thought/smiled (1.5), of another verb (1.0)
    after_article: bool   # "a Vulcan", "the Enterprise"
    after_place_preposition: bool
    inside_place: bool = False  # 'in Kraków', 'into Glasgow': where someone is or goes, not who
    at_place: bool = False  # inside_place, or after 'to', 'from', 'at'...: not 'of' ('thinks of Marley')
    alone: bool = False  # the whole sentence: '"Hush."', '"Vane!"'
    relation_of: str | None = None  # "Spock's older self" -> key "Spock's older self", relation_of "Spock"
    pack_tag: str | None = None
    coordinated: tuple[str, ...] = ()  # names joined to this one by "and"/"or" ("Bones and Spock")
    vocative: bool = False  # opens a quote and is called out: '"Eli," she said', '"Anne! Wait."'
    suffixed: bool = False  # written with an honorific: 'Kohaku-san', 'Hinata-kun', 'A-Cheng'


@dataclass
class NameEvidence:
    key: str
    count: int = 0
    person: float = 0.0
    labels: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    speaking: int = 0  # times the subject of a speech or other human verb
    placed: int = 0  # times right after a place preposition ('to Kraków', 'from Leeds')
    acting: int = 0  # times a subject, called out or given a title: what places never are
    subject: int = 0  # times a subject, titled or called in a longer line: what a word said with a capital is not


def _title_of(token: "Token") -> str | None:
    word = token.text.lower()
    return word if word in titles() else None


def _is_name_token(token: "Token", known: frozenset[str] | set[str] = frozenset()) -> bool:
    """A capitalised proper noun, or a word the tagger took for a common noun (or an adverb) that is written as a name
    elsewhere in the work (`known`): the small model tags "Rosalind stands" as a noun at a sentence start."""
    text = token.text
    if not (text[:1].isupper() or ELIDED_PARTICLE.match(text)) or text.lower() in NOT_NAMES:
        return False
    if token.pos_ == "PROPN" or (token.pos_ in ("NOUN", "ADJ", "ADV") and text in known and not _common_elsewhere(token)):
        return True
    if token.pos_ in ("AUX", "VERB") and text in known and _not_used_as_verb(token):
        return True  # 'Will stood', 'and Will, of all people': a name the tagger read as a modal
    if token.pos_ == "NOUN" and not _common_elsewhere(token) and (not _opens_sentence(token) or is_given_name(text)):
        # a capitalised noun mid-sentence ("with Bones") is a name the tagger did not know; so is a known given
        # name opening a sentence ('"Rosalind."'), which the sentence-opener test then weighs
        return True
    return bool(re.fullmatch(r"[A-Z]\.", text))  # an initial: the T. in James T. Kirk


def _not_used_as_verb(token: "Token") -> bool:
    """Not followed the way a modal or a verb is: 'Will you', 'Will the', 'Mark it', 'Will not', 'Will go'."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is None or not (nxt.tag_ in ("PRP", "DT", "VB", "RB", "TO", "PRP$") or nxt.lower_ in ("not", "n't"))


def _opens_sentence(token: "Token") -> bool:
    sent = token.sent
    return all(t.is_punct or t.is_space for t in token.doc[sent.start:token.i])


def _common_elsewhere(token: "Token") -> bool:
    """The word also appears in lower case in this paragraph: a common noun, capitalised for emphasis."""
    words = token.doc.user_data.get("ficmeld.words")
    if words is None:  # once per paragraph, not once per capitalised noun
        words = token.doc.user_data["ficmeld.words"] = frozenset(t.text for t in token.doc)
    return token.lower_ in words


def _lower_hyphen_part(doc, k: int) -> bool:
    """Tokens k, k+1 are '-' and a lower-case part glued to the name before them ('Yoon Da-eun'); not an
    honorific ('Hinata-kun', 'Jimin-ssi'), which is said to someone and is no part of their name."""
    return (_hyphen_glued(doc, k) and doc[k + 1].is_alpha and doc[k + 1].is_lower and len(doc[k + 1].text) <= 4
            and doc[k + 1].lower_ not in NAME_SUFFIX_HONORIFICS)


def _honorific_after(doc, k: int) -> bool:
    """Tokens k, k+1 are '-' and an honorific glued to the name before them ('Kohaku-san')."""
    return _hyphen_glued(doc, k) and doc[k + 1].lower_ in NAME_SUFFIX_HONORIFICS


def _familiar_prefix(doc, i: int) -> bool:
    """'A-Cheng', 'A-Yuan': the Chinese familiar 'A-' glued to a capitalised given name, said only of people."""
    return (doc[i].text == "A" and i + 2 < len(doc) and not doc[i].whitespace_ and _hyphen_glued(doc, i + 1)
            and doc[i + 2].is_alpha and doc[i + 2].text[:1].isupper() and doc[i + 2].text[1:].islower())


def _hyphen_glued(doc, k: int) -> bool:
    return k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def _repair_subject(token: "Token") -> None:
    """'Farrelly walked down': the parser reads a name ending in -ly before a verb with no subject as the
    verb's adverb. Every later stage asks the parse who the subject is, so the name is made the subject."""
    head = token.head
    if token.dep_ in ("advmod", "npadvmod") and token.i < head.i and head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        token.dep_ = "nsubj"
        token.pos_ = "PROPN"


def _human_subject(head_tokens: list["Token"]) -> float:
    """How strongly the name acts like a person: subject of 'said'/'smiled' (1.5), of any active verb (1.0)."""
    for t in head_tokens:
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in SAYING_VERBS:
            return 2.5  # places and things do not say or ask: this outweighs a place label ("said Harland")
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in HUMAN_VERBS:
            return 1.5
        if t.dep_ == "nsubj" and _he_or_she_follows(t):
            return 2.0  # a company or a ship is not 'he': this outweighs an organisation label
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and t.head.lemma_ != "be":
            return 1.0
        if t.dep_ == "vocative" or (t.dep_ == "npadvmod" and t.head.pos_ == "VERB"):
            return 0.5
        if t.dep_ == "poss" and t.head.lemma_.lower() in {"eye", "hand", "face", "voice", "mind", "heart", "head",
                                                          "mouth", "lip", "arm", "shoulder", "smile", "gaze"}:
            return 1.0
    return 0.0


def _he_or_she_follows(subject: "Token") -> bool:
    """'Hamza Qureshi had been on the ledge for hours, and he had stopped...': the sentence goes on to call
    its subject he or she, as the subject of a clause joined to the subject's own ('and he had') or as
    a possessive inside the subject's own clause. A pronoun in a reported or a joined clause ('The
    Ministry said he was...', 'Colchis was far, and her father sent them home') is someone else's."""
    verb = subject.head
    for joined in (c for c in verb.children if c.dep_ == "conj"):
        if any(c.dep_ == "nsubj" and c.lower_ in ("he", "she") for c in joined.children):
            return True
    for t in verb.subtree:
        if t.i > subject.i and t.dep_ == "poss" and t.lower_ in ("his", "her") \
                and not any(a.dep_ in ("ccomp", "advcl", "relcl", "conj") for a in _path_up(t, verb)):
            return True
    return False


def _path_up(tok: "Token", stop: "Token") -> list["Token"]:
    out = []
    while tok.i != stop.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


IN_PLACE = frozenset({"in", "into", "inside", "outside", "near"})


def _inside_place(doc, i: int, k: int) -> bool:
    """'in Kraków', 'into Glasgow': a name right after 'in' that is no one's possessive ('in Mary's room')."""
    if i == 0 or doc[i - 1].lower_ not in IN_PLACE:
        return False
    return not (k < len(doc) and doc[k].text in ("'s", "’s", "'", "’"))


def name_occurrences(work: Work, pack_aliases: dict[str, str] | None = None,
                     tagged: set[str] = frozenset()) -> list[NameOccurrence]:
    """Every place the body names someone or something that might be a person, in text order. `tagged`: the
    words of names the work's own tags give, names wherever the text writes them capitalised."""
    pack_aliases = pack_aliases or {}
    found: list[NameOccurrence] = []
    mid_sentence = _capitalised_mid_sentence(work) | {w for w in tagged if " " not in w}
    for pp in work.parsed:
        doc = pp.doc
        ent_label = {}
        for ent in _ents(doc):
            for t in ent:
                ent_label[t.i] = ent.label_
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            familiar = _familiar_prefix(doc, i)
            if not familiar and not _is_name_token(tok, mid_sentence) \
                    and not (_title_of(tok) and i + 1 < n and _is_name_token(doc[i + 1])):
                i += 1
                continue
            j = i
            title = None
            if familiar:
                j = i + 2  # the mention covers 'A-'; the name (the key) is what follows
            elif _title_of(tok) and i + 1 < n and _is_name_token(doc[i + 1]):
                title = tok.text.lower().rstrip(".")
                j = i + 1
            k = j
            while k < n and (_is_name_token(doc[k], mid_sentence)
                             or (k > j and doc[k].text in NAME_LINKS and k + 1 < n and _is_name_token(doc[k + 1]))):
                if ent_label.get(k) in NUMERIC_LABELS:
                    break
                k += 1
                if _lower_hyphen_part(doc, k):
                    k += 2  # 'Da-eun', 'Ji-woo': a given name whose second part is written in lower case
            if k == j:
                i += 1
                continue
            name_tokens = doc[j:k]
            _repair_subject(doc[k - 1])
            suffixed = _honorific_after(doc, k)
            if suffixed:
                k += 2  # the mention covers the honorific; the name (the key) does not
            suffixed = suffixed or familiar
            if title is None and _opens_sentence(doc[j]) and k - j == 1 and ent_label.get(j) != "PERSON" \
                    and name_tokens.text.lower() not in pack_aliases and doc[j].text not in mid_sentence \
                    and not _called_out(doc, i, k):
                i = k  # a capitalised sentence opener that is never a name anywhere else in the paragraph
                continue
            labels = [ent_label.get(t) for t in range(j, k) if ent_label.get(t)]
            label = Counter(labels).most_common(1)[0][0] if labels else None
            prev = doc[i - 1] if i > 0 else None
            occ = NameOccurrence(
                start=pp.start + doc[i].idx,
                end=pp.start + doc[k - 1].idx + len(doc[k - 1].text),
                surface=doc[i:k].text,
                key=name_tokens.text,
                title=title,
                label=label,
                human_subject=_human_subject(list(name_tokens)),
                after_article=prev is not None and prev.lower_ in ("a", "an", "the", "another", "every", "each", "this", "that"),
                after_place_preposition=prev is not None and prev.lower_ in PLACE_PREPOSITIONS,
                inside_place=_inside_place(doc, i, k),
                alone=all(t.is_punct or t.is_space or j <= t.i < k for t in doc[j].sent),
            )
            occ.at_place = occ.inside_place or (occ.after_place_preposition and prev.lower_ != "of")
            occ.coordinated = _coordinated_names(name_tokens)
            occ.vocative = _called_out(doc, i, k, place=label in PLACE_LABELS)
            occ.suffixed = suffixed
            m = _RELATION_RE.match(doc.text[doc[k - 1].idx + len(doc[k - 1].text):][:40])
            if m and title is None:
                rel_end = doc[k - 1].idx + len(doc[k - 1].text) + m.end()
                occ.relation_of = occ.key
                occ.key = f"{occ.key}'s {m.group(1)}"
                occ.end = pp.start + rel_end
                occ.surface = work.text[occ.start:occ.end]
            found.append(occ)
            i = k
    return found


def _ents(doc) -> tuple:
    """`doc.ents` builds its spans anew on every access: once per paragraph is enough."""
    ents = doc.user_data.get("ficmeld.ents")
    if ents is None:
        ents = doc.user_data["ficmeld.ents"] = tuple(doc.ents)
    return ents


OPENING_QUOTES = {'"', "“", "‘", "'"}
CLOSING_QUOTES = {'"', "”", "’", "'"}


def _called_out(doc, i: int, k: int, place: bool = False) -> bool:
    """Tokens i..k open a quote and are followed by a comma or exclamation: someone is being addressed.
    Places and things are rarely called by name like that. A name tagged as a place (`place`) is not taken
    for one merely for ending a sentence after a comma ("born in Leeds, England. Ask anyone.")."""
    before = doc[i - 1].text if i > 0 else ""
    after = doc[k].text if k < len(doc) else ""
    if k - i == 1 and is_dictionary_verb(doc[i].lower_) and doc[i].lower_ not in given_name_genders():
        return False  # '"Relax, Della."': an imperative the tagger took for a name
    if after == "." and before in OPENING_QUOTES and is_given_name(doc[i].text):
        # the name is the whole quote: '"Christine." Just my name.', or a sentence of its own before words
        # to its bearer: '"Delphine. You understand these things."'
        return k + 1 >= len(doc) or doc[k + 1].text in CLOSING_QUOTES or _speaks_to(doc, k + 1)
    if before == "," and after in (",", ".", "!", "?") and _inside_quote(doc.text[:doc[i].idx]):
        # closing the quote or a sentence in it: '"Your eyes, Penelope," she says', '"Pivot, Cal. No, ..."'
        closes_quote = k + 1 < len(doc) and doc[k + 1].text in CLOSING_QUOTES
        ends_sentence = after != "," and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()
        return closes_quote or is_given_name(doc[i].text) or (ends_sentence and not place)
    if after not in (",", "!", "?"):
        return False
    # at a quote's start, or opening a sentence inside one: '"Pip, old chap! Biddy, it's Pip."'
    return before in OPENING_QUOTES or (before in (".", "!", "?") and _inside_quote(doc.text[:doc[i].idx]))


def _speaks_to(doc, i: int) -> bool:
    """The sentence from token i, inside the same quotation, says 'you'."""
    for tok in doc[i:]:
        if tok.text in CLOSING_QUOTES or tok.text in (".", "!", "?"):
            return False
        if tok.lower_ in ("you", "your", "yourself"):
            return True
    return False


def _inside_quote(before: str) -> bool:
    """The paragraph text up to here has opened a quotation it has not closed."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _coordinated_names(span) -> tuple[str, ...]:
    root = span.root
    partners = [t for t in root.conjuncts if t.text[:1].isupper()]
    return tuple(t.text for t in partners)


def _capitalised_mid_sentence(work: Work) -> set[str]:
    """Capitalised words that appear somewhere other than at a sentence start: likely names."""
    out = set()
    openers: Counter = Counter()  # proper nouns that open sentences, by spelling
    lower: set[str] = set()
    adverbs: set[str] = set()
    for pp in work.parsed:
        doc = pp.doc
        for t in doc:
            if t.text[:1].islower():
                lower.add(t.text)
            elif t.pos_ == "PROPN" and _opens_sentence(t):
                openers[t.text] += 1
            if t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") and not _opens_sentence(t):
                out.add(t.text)
            elif t.text[:1].isupper() and t.pos_ == "ADV" and not _opens_sentence(t):
                adverbs.add(t.text)  # "Farrelly", "Connelly": the tagger reads a surname ending in -ly as an adverb
            elif t.text[:1].isupper() and t.pos_ in ("ADJ", "ADV") and is_given_name(t.text) \
                    and t.i + 1 < len(doc) and doc[t.i + 1].text in (",", "?", "!"):
                out.add(t.text)  # '"Rory, can we get the door?"': a given name called out, read as an adjective
            elif t.pos_ == "PROPN" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper():
                out.update((t.text, doc[t.i + 1].text))  # both parts of a two-word name at a sentence start
        for ent in _ents(doc):
            if ent.label_ == "PERSON":
                out.update(tok.text for tok in ent)
    # a word that opens sentence after sentence as a proper noun and is never written in lower case is a
    # name, though the story never puts it mid-sentence ("Nimue had been...", "Nimue's hand went still")
    out.update(w for w, n in openers.items() if n >= REPEATED_OPENER and w.lower() not in lower)
    out.update(w for w in adverbs if w.lower() not in lower)  # never a plain adverb ('finally') anywhere
    return out | front_matter_names(work)[0]


FRONT_MATTER = ("summary", "author_note", "disclaimer", "epigraph")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def front_matter_names(work: Work) -> tuple[set[str], set[str]]:
    """Capitalised words the summary or notes use as names, and those of them written after a title.

    A name counts when it follows a title ("Mr. Rochester"), sits inside a run of capitalised words
    ("Jane Eyre") or stands mid-sentence. A body name that only ever opens sentences ("Rochester had
    heard her") is then still read as a name. Front matter never makes characters on its own.
    Read once per work (the names pass and the weighing both ask)."""
    cached = work.scratch.get("names.front_matter")
    if cached is not None:
        return cached
    named: set[str] = set()
    titled: set[str] = set()
    known_titles = titles()
    for part in work.parts:
        if part.kind not in FRONT_MATTER:
            continue
        text = work.text[part.start:part.end]
        for m in _CAPITALISED_RUN.finditer(text):
            words = [re.sub(r"['’]s?$", "", w) or w for w in m.group().split()]
            before = text[max(0, m.start() - 12):m.start()].rstrip()
            after_title = bool(before) and before.lower().split()[-1].rstrip(".") in known_titles
            opens_sentence = not before or (before[-1] in ".!?:\"“(" and not after_title)
            first_is_title = words[0].lower().rstrip(".") in known_titles
            run_opens_name = len(words) > 1 and words[0].lower() not in STOP_WORDS  # "Tess Marlow came..."
            for n, w in enumerate(words):
                if w.lower() in NOT_NAMES or (n == 0 and (first_is_title or (opens_sentence and not run_opens_name))):
                    continue
                named.add(w)
                if (n == 0 and after_title) or (n == 1 and first_is_title):
                    titled.add(w)
    work.scratch["names.front_matter"] = (named, titled)
    return named, titled


def weigh_names(occurrences: list[NameOccurrence], *, pack_person: set[str], pack_not: set[str],
                known_person_keys: set[str] = frozenset(), titled_elsewhere: set[str] = frozenset()
                ) -> dict[str, NameEvidence]:
    """How much the text says each name is a person (positive) or a place, ship, species (negative).

    `titled_elsewhere`: names the front matter writes after a title ("Mr. Rochester" in a note), a
    person's mark even where the body never titles them."""
    ev: dict[str, NameEvidence] = {}
    for o in occurrences:
        e = ev.setdefault(o.key, NameEvidence(o.key))
        e.count += 1
        if o.label:
            e.labels[o.label] += 1
        if o.title:
            e.titles[o.title] += 1
        score = 0.0
        if o.label == "PERSON":
            score += 2.0
        elif o.label in NON_PERSON_LABELS and not o.suffixed:  # 'Kohaku-san' is someone, whatever the label
            # the small model calls many unknown one-word names ORG; a place or a people-word is surer
            # (and a known given name so labelled is more often a person still: "Beatrice", "Della")
            if o.label in WEAK_LABELS and " " not in o.key and is_given_name(o.key):
                score -= 0.25
            elif o.label == "ORG" and " " not in o.key:
                score -= 0.75
            elif is_given_name(o.key) and o.human_subject > 0:
                # "Penelope came down the stairs" or "Ines Varga unlocked the bakery" tagged a place or an
                # organisation: a name that opens on a given name and acts is a person
                score -= 0.5
            else:
                score -= 1.5
        score += o.human_subject
        if o.title or o.suffixed:
            score += 2.0  # only people are given a title or an honorific
        if o.after_article:
            score -= 2.0
        if o.inside_place:
            score -= 2.5  # outweighs the small model's PERSON label on an unfamiliar city
        if o.after_place_preposition and o.label != "PERSON":
            score -= 1.0
        if o.relation_of:
            score += 1.5
        if o.vocative and not o.after_article:
            score += 2.0  # places and things are seldom called by name; it outweighs a place label
        if o.label is None and not o.after_article:
            score += 0.5  # an unlabelled capitalised proper noun mid-sentence is more often a name than not
        e.person += score
        if o.human_subject >= 1.5 and not o.after_article:
            e.speaking += 1
        e.placed += o.at_place
        e.acting += o.human_subject >= 1.0 or o.vocative or o.title is not None or o.suffixed
        e.subject += o.human_subject >= 1.0 or o.title is not None or (o.vocative and not o.alone)
    for key, e in ev.items():
        # Places and ships do not say, smile or nod: a name that does so again and again is a person
        # whatever the tagger called it ("said Turkey" in a story whose clerks have nicknames).
        if e.speaking >= 2:
            e.person = max(e.person, 0.0) + 1.0 + e.speaking
        # A name that is only ever where someone goes or is from ('back to Kraków', 'a lad from Leeds', 'in
        # Kraków for forty years'), and never acts, is called, or has a title, is a place whatever the tagger says.
        if e.count >= PLACED_MIN and e.placed == e.count and not e.acting:
            e.person -= PLACED_WEIGHT * e.count
        # A one-word name that is a common English word, never the subject of a verb, never titled and never
        # called in a longer line ('"Vane, the sails"') is a word said with a capital ('"Hush."'), not someone:
        # Rat and Mole act in their stories.
        if " " not in key and not e.subject and is_common_word(key) and not is_given_name(key):
            e.person -= COMMON_WORD
    # Coordination with someone already judged a person ("Bones and Spock") is evidence too.
    for _ in range(2):
        people = {k for k, e in ev.items() if e.person > 0}
        for o in occurrences:
            if any(p in people for p in o.coordinated) and not o.after_article:
                ev[o.key].person += 0.75
    for key, e in ev.items():
        lower = key.lower()
        if key in titled_elsewhere:
            e.person += 1.5
        if is_given_name(key):
            e.person += GIVEN_NAME  # the small model often calls an unfamiliar "Della" an ORG
        if lower in pack_person or key in known_person_keys:
            e.person += 4.0 + e.count
        if lower in pack_not:
            e.person -= 6.0 + 2 * e.count
    return ev


def is_place_name(key: str) -> bool:
    """'Mole End', 'Gerrard Street', 'Cloud Pine Sect': a run of capitalised words that ends in a place or
    institution word names no one, whatever acts there ('Mole End was exactly as he had left it'); nor does
    one word built on a street or square word of another language ('Geldstraat', 'Königsplatz')."""
    words = key.lower().split()
    if len(words) == 1:
        return any(words[0].endswith(s) and len(words[0]) > len(s) + 2 for s in PLACE_SUFFIXES)
    return words[-1] in PLACE_HEADS or words[-1] in INSTITUTION_HEADS


def is_given_name(key: str) -> bool:
    first = key.split()[0].lower()
    return first in given_name_genders() or first in census_given_names()


def is_person(e: NameEvidence) -> bool:
    return e.person > 0 and (e.labels.get("PERSON", 0) > 0 or e.person >= 1.0)


def name_tokens(key: str) -> list[str]:
    return [t for t in re.split(r"\s+", key.replace("'s ", " ")) if t]
