"""Coreference: pronouns and definite descriptions resolved to characters, left to right.

A salience model in the manner of Lappin and Leass: every mention of a character raises its
salience (subjects most), salience halves at each sentence, and a pronoun goes to the most salient
character that agrees in gender and is not a co-argument of the same verb. In close third person
the scene's focal character is the default 'he' or 'she', so cognition verbs with a character as
subject give that character a standing bonus in the scene. A described person with no name opens
an entity of their own (coref_entities.py); pronouns inside quotations get provisional referents from
a guessed speaker (coref_quotes.py), which the roles stage may redo once the speakers are known.
A learned ranker (coref_ranker.py) has the last word on he/she outside quotations, with the rules'
choice among its features. Pronouns left to no character may still chain with each other ('we',
'they': coref_groups.py).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ficmeld.model.document import Character, Mention
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.stages.characters import READER, refresh_character_views
from ficmeld.stages.coref_entities import NominalEntities
from ficmeld.stages.coref_groups import group_chains
from ficmeld.stages.coref_nominal import NominalContext, NominalLinker
from ficmeld.stages.coref_ranker import PronounRanker
from ficmeld.stages.coref_quotes import resolve_quoted
from ficmeld.stages.pov_narrator import declared_pov
from ficmeld.stages.quote_patterns import SPEECH_VERBS
from ficmeld.stages.lexicon import PRONOUNS
from ficmeld.stages.name_spans import widen_name_mentions

COGNITION = frozenset(
    """know think believe understand realise realize remember recall wonder feel felt want wish hope fear
    respect figure suppose guess notice watch see hear sense doubt regret decide imagine consider miss
    love hate like need expect acknowledge appreciate""".split()
)
GENDERED_NOUNS = {
    "man": "male", "boy": "male", "gentleman": "male", "father": "male", "brother": "male", "son": "male",
    "husband": "male", "king": "male", "prince": "male", "uncle": "male", "lord": "male", "sir": "male",
    "woman": "female", "girl": "female", "lady": "female", "mother": "female", "sister": "female",
    "daughter": "female", "wife": "female", "queen": "female", "princess": "female", "aunt": "female",
    "grandfather": "male", "grandson": "male", "nephew": "male", "dad": "male", "papa": "male", "stepfather": "male",
    "duke": "male", "earl": "male", "monk": "male", "priest": "male", "widower": "male", "boyfriend": "male",
    "grandmother": "female", "granddaughter": "female", "niece": "female", "mum": "female", "mom": "female",
    "mama": "female", "stepmother": "female", "duchess": "female", "countess": "female", "nun": "female",
    "widow": "female", "girlfriend": "female", "maid": "female", "madam": "female", "mistress": "female",
}
DECAY = 0.5
FAMILY_NAMED = {"wife", "husband", "mother", "father", "son", "daughter", "brother", "sister", "parents"}
RECENCY = 1.0
REPEAT = 0.1
SUBJECT, OBJECT, OTHER = 1.0, 0.7, 0.5
SUBJECTS = ("nsubj", "nsubjpass")
FOCAL_BONUS = 0.4
OPENER_PRIOR = 1.0  # a scene usually opens on its own head, named as the first sentence's subject
DECLARED_FOCAL = 2.0  # a head the summary or notes declare ("Ismene POV") outweighs any scene's own leader
FORGOTTEN = 1e-3
QUOTED_SALIENCE = 0.5  # a name said inside a quotation, against RECENCY + role for one in the narration
PARAGRAPH_DECAY = 0.5
NARRATOR_MIN = 3
NARRATOR_SHARE = 0.25  # first-person pronouns in narration, against third-person ones
KIN = {"mother", "father", "mum", "mom", "dad", "mama", "papa", "sister", "brother", "wife", "husband", "son",
       "daughter", "uncle", "aunt", "grandmother", "grandfather", "cousin", "parents", "twin"}


@stage("coref", requires=("characters", "quotes"), assigns=("mentions", "characters"))
def resolve_coreference(work: Work) -> None:
    resolve_with(work, PronounRanker.load())


def resolve_with(work: Work, ranker: PronounRanker, linker: NominalLinker | None = None) -> None:
    """The stage's pass, with `ranker` choosing third-person referents and `linker` the characters that
    descriptions name (training passes recorders)."""
    linker = NominalLinker.load() if linker is None else linker
    quoted = SpanIndex((q.start, q.end) for q in work.quotes)
    mention_at = {m.start: m for m in work.mentions if m.kind in ("name", "nominal")}
    _infer_gender(work, mention_at, quoted)
    narrator = _narrator(work, quoted)
    # the reader of a reader-insert story ('Y/N') is 'you': never the one a 'he' or 'she' looks back to
    reader = next((c.id for c in work.characters if c.name == READER), None)
    descriptors = _descriptors(work, mention_at)
    gender = {c.id: c.gender for c in work.characters}
    openers, pronoun_openers = scene_openers(work, mention_at, quoted)
    focal = _focal_prior(work, mention_at, openers)
    entities = NominalEntities(work, gender)

    pronouns: list[Mention] = []
    salience: dict[str, float] = defaultdict(float)
    scene = None
    for pp in work.parsed:
        para = work.paragraphs[pp.paragraph]
        ranker.new_paragraph()
        if para.scene != scene:
            scene = para.scene
            if focal.get(scene):
                salience.clear()
                for cid, w in focal.get(scene, {}).items():
                    salience[cid] = w * 0.5
            else:  # a scene that names nobody goes on with the people already in play ('She had drugged...')
                for cid in salience:
                    salience[cid] *= PARAGRAPH_DECAY
        else:
            for cid in salience:  # a new paragraph leans back towards whose scene it is
                salience[cid] *= PARAGRAPH_DECAY
        for sent in pp.doc.sents:
            ranker.new_sentence()
            scene_focal = focal.get(scene, {})
            for cid in list(salience):
                salience[cid] *= DECAY
                if salience[cid] < FORGOTTEN and cid not in scene_focal:
                    del salience[cid]  # keeps the loop linear when a long scene has many described people
            clause_chars: dict[int, set[str]] = defaultdict(set)  # verb index -> characters that are its arguments
            for tok in sent:
                start = pp.start + tok.idx
                m = mention_at.get(start)
                owner, resolved = None, False
                if m is not None:
                    in_quote = quoted.holds(start)
                    if m.kind == "nominal" and tok.lower_ in PRONOUNS:
                        # 'his friend': whose, first; a description never names its own possessor
                        owner = _resolve_here(tok, start, quoted, narrator, salience, gender, clause_chars,
                                              focal.get(scene, {}), ranker, linker, pronouns)
                        resolved = True
                    if m.character is None and m.kind == "nominal":
                        m.character = _link_nominal(
                            work, m, tok, NominalContext(salience, gender, descriptors, focal.get(scene, {}),
                                                         clause_chars, in_quote, narrator, scene, owner),
                            entities, linker, ranker)
                    if m.character is not None and m.character != reader:
                        role = name_head(tok, m.end - pp.start) if m.kind == "name" else tok
                        if in_quote and not _addressed(tok):
                            # someone only talked about ("Grandfather wants you home"), not called, is not in the
                            # room the narration's "he" looks round
                            salience[m.character] = max(salience[m.character], QUOTED_SALIENCE)
                        else:
                            _mentioned(salience, m.character, _weight(role))
                        clause_chars[_verb_of(role)].add(m.character)
                        ranker.seen(m.character, m.start, m.end, subject=role.dep_ in SUBJECTS, kind=m.kind,
                                    quoted=in_quote, verb=role.head.lemma_)
                        linker.seen(m.character, in_quote)
                    if resolved or m.kind != "nominal" or tok.lower_ not in PRONOUNS:
                        continue  # "his" opening "his father" is a mention of its own, resolved above
                _resolve_here(tok, start, quoted, narrator, salience, gender, clause_chars, focal.get(scene, {}),
                              ranker, linker, pronouns)
    resolve_quoted(work, work.mentions + pronouns, gender)
    work.mentions = sorted(work.mentions + pronouns, key=lambda m: (m.start, -m.end))
    renamed = entities.prune(work.mentions)
    if renamed is not None:
        focal = {scene: {renamed[c]: w for c, w in ws.items() if c in renamed} for scene, ws in focal.items()}
        openers = {scene: renamed.get(c) for scene, c in openers.items()}
    work.scratch["coref.focal_prior"] = focal
    by_start = {m.start: m.character for m in work.mentions if m.kind == "pronoun" and m.character}
    for scene, start in pronoun_openers.items():
        if by_start.get(start) is not None:
            openers[scene] = by_start[start]
    work.scratch["coref.scene_openers"] = openers
    groups = work.scratch["coref.groups"] = group_chains(work, work.mentions)
    for m in work.mentions:
        m.group = groups.get((m.start, m.end)) if m.character is None else None
    widen_name_mentions(work)
    refresh_character_views(work)


def _resolve_here(tok, start: int, quoted: SpanIndex, narrator: str | None, salience, gender, clause_chars,
                  focal, ranker: PronounRanker, linker: NominalLinker, pronouns: list[Mention]) -> str | None:
    """Resolve the pronoun `tok` if it is one (quoted ones wait for their speakers), record it, and return
    its character."""
    info = PRONOUNS.get(tok.lower_)
    if info is None or tok.pos_ not in ("PRON", "DET"):
        return None
    cls, case = info
    end = start + len(tok.text)
    if quoted.holds(start):
        pronouns.append(Mention(start=start, end=end, character=None, kind="pronoun"))
        return None
    cid = None
    if cls == "first":
        cid = narrator
    elif cls in ("male", "female"):
        cid = _resolve_pronoun(tok, cls, case, salience, gender, clause_chars, focal, exclude=narrator)
        clause = clause_chars.get(_verb_of(tok), set())
        candidates = {c: v for c, v in salience.items() if c != narrator and v > 0}
        ids, rows = ranker.rows(cls, case, tok.dep_ in SUBJECTS, candidates, gender, focal,
                                set() if case in ("refl", "poss") else clause, clause, cid)
        cid = ranker.choose(ids, rows, cid, (start, end))
    pronouns.append(Mention(start=start, end=end, character=cid, kind="pronoun"))
    if cid is not None:
        _mentioned(salience, cid, _weight(tok))
        clause_chars[_verb_of(tok)].add(cid)
        ranker.seen(cid, start, end, subject=tok.dep_ in SUBJECTS, kind="pronoun", quoted=False, verb=tok.head.lemma_)
        linker.seen(cid, False)
    return cid


def _mentioned(salience: dict[str, float], cid: str, weight: float) -> None:
    """A mention in the current sentence counts for more than any history (recency first, then role)."""
    salience[cid] = max(salience[cid], RECENCY + weight) + REPEAT


def _addressed(tok) -> bool:
    """A name standing alone between punctuation in a quote ("Go to bed, Mireille,") calls someone who is there."""
    doc = tok.doc
    before = doc[tok.i - 1].text if tok.i > 0 else ""
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    return before in (",", '"', "“", "‘", "'") and after in (",", "!", "?", ".", '"', "”", "’", "'")


def name_head(tok, end: int):
    """The token that carries a name's role in the sentence: 'Bennet' of 'Mr. Bennet said', whose first token
    is only a compound; `end` is where the name ends, in the paragraph's characters."""
    head = tok
    while head.head.i > head.i and head.head.idx < end and head.dep_ in ("compound", "flat"):
        head = head.head
    return head


def _weight(tok) -> float:
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return SUBJECT
    if tok.dep_ in ("dobj", "pobj", "iobj", "dative"):
        return OBJECT
    return OTHER


def _verb_of(tok) -> int:
    """The verb whose argument `tok` is, directly or through a preposition. A path through a noun is no
    clause of it: in the misparse 'as he did every Sunday' (he -> Sunday -> ate), 'he' is not ate's co-argument."""
    head = tok
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        if head is not tok and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("npadvmod", "tmod"):
            return -1
        head = head.head
    return head.i if head.pos_ in ("VERB", "AUX") else -1


def _resolve_pronoun(tok, cls: str, case: str, salience, gender, clause_chars, focal,
                     exclude: str | None = None) -> str | None:
    """The most salient character that agrees in gender; never the first-person narrator for he/she."""
    verb = _verb_of(tok)
    excluded = set() if case in ("refl", "poss") else set(clause_chars.get(verb, set()))
    if exclude is not None:
        excluded.add(exclude)
    best, best_score = None, 0.0
    for cid, score in salience.items():
        g = gender.get(cid)
        if g is not None and g != cls:
            continue
        if cid in excluded:
            continue
        total = score + FOCAL_BONUS * focal.get(cid, 0.0) - (0.3 if g is None else 0.0)
        if case == "refl" and cid in clause_chars.get(verb, set()):
            total += 2.0
        if total > best_score:
            best, best_score = cid, total
    return best


def _link_nominal(work: Work, m: Mention, tok, ctx: NominalContext, entities: NominalEntities,
                  linker: NominalLinker, ranker: PronounRanker) -> str | None:
    """The character a description names: the rules' choice, which the learned linker may overrule."""
    before = len(work.characters)
    rule = _resolve_nominal(work, m, tok, ctx.salience, ctx.gender, ctx.descriptors, ctx.focal)
    return linker.link(work, m, tok, ctx, entities, ranker, rule, len(work.characters) > before,
                       ctx.clause_chars.get(_verb_of(tok), set()))


def _resolve_nominal(work: Work, m: Mention, tok, salience, gender, descriptors, focal) -> str | None:
    words = work.text[m.start:m.end].split()
    head = words[-1].lower().strip(".,") if words else ""
    det = words[0].lower() if words else ""
    known = work.scratch.get("characters.nominal_heads", {}).get(m.start)
    if known is not None:
        if known.plural:
            return None  # a group is nobody's single character
        head, det = known.word, known.det or ""
    if det in ("a", "an", "another", "some", "any", "every", "no"):
        return None
    holders = descriptors.get(head, set())
    if len(holders) == 1:
        return next(iter(holders))
    if det not in ("his", "her", "their"):
        return None
    if head in KIN and len(words) == 2:
        return _kin_character(work, head, det, salience, gender, focal)
    # "his first officer", "her friend": someone salient, not the possessor
    possessor_gender = "male" if det == "his" else "female" if det == "her" else None
    want = GENDERED_NOUNS.get(head)
    ranked = sorted(salience.items(), key=lambda kv: -(kv[1] + FOCAL_BONUS * focal.get(kv[0], 0.0)))
    possessor = next((cid for cid, _ in ranked if gender.get(cid) in (possessor_gender, None)), None)
    for cid, score in ranked:
        if cid == possessor or score <= 0.05:
            continue
        if want and gender.get(cid) not in (want, None):
            continue
        return cid
    return None


def _kin_character(work: Work, head: str, det: str, salience, gender, focal) -> str | None:
    """'his mother' is a person of her own: the possessor's mother, found or created by that name."""
    want = "male" if det == "his" else "female" if det == "her" else None
    ranked = sorted(salience.items(), key=lambda kv: -(kv[1] + FOCAL_BONUS * focal.get(kv[0], 0.0)))
    possessor = next((cid for cid, score in ranked if score > 0.05 and gender.get(cid) in (want, None)), None)
    owner = work.character(possessor)
    if owner is None or owner.name == "Narrator":
        return None
    kin_gender = GENDERED_NOUNS.get(head)
    surname = owner.name.split()[-1] if len(owner.name.split()) >= 2 else None
    if surname and head in FAMILY_NAMED:
        # "his wife" of Mr. Bennet is Mrs. Bennet when the text has her: same surname, right gender
        same = [c for c in work.characters if c.id != owner.id and c.name.split()[-1] == surname
                and len(c.name.split()) >= 2 and (kin_gender is None or c.gender in (kin_gender, None))]
        if len(same) == 1:
            return same[0].id
    name = f"{owner.name}'s {head}"
    for c in work.characters:
        if c.name == name:
            return c.id
    cid = work.new_character_id()
    work.characters.append(Character(id=cid, name=name, aliases=[], canonical=None, role="mentioned", mentions=0,
                                     gender=GENDERED_NOUNS.get(head)))
    gender[cid] = GENDERED_NOUNS.get(head)
    return cid


def _descriptors(work: Work, mention_at: dict[int, Mention]) -> dict[str, set[str]]:
    """Nouns the text itself applies to a named character: 'Spock was a Vulcan', 'Holmes, the detective'."""
    out: dict[str, set[str]] = defaultdict(set)
    for pp in work.parsed:
        for tok in pp.doc:
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if subj:
                    m = mention_at.get(pp.start + subj[0].idx)
                    if m is not None and m.kind == "name" and m.character:
                        out[tok.text.lower()].add(m.character)
            elif tok.dep_ == "appos":
                m = mention_at.get(pp.start + tok.head.idx)
                if m is not None and m.kind == "name" and m.character:
                    out[tok.text.lower()].add(m.character)
    for ts_cid, ts in work.scratch.get("characters.titles", {}).items():
        for t in ts:
            out[t].add(ts_cid)
    return out


def scene_openers(work: Work, mention_at: dict[int, Mention], quoted: SpanIndex
                  ) -> tuple[dict[int, str], dict[int, int]]:
    """Scene -> the character its first sentence names as subject, outside any quotation ("Dorian is
    bored, and ..."). A scene usually opens on its own head; coref and pov both lean on it. Where a he or
    she is the first subject, the second dict gives its offset instead: it opens the scene once resolved."""
    out: dict[int, str] = {}
    pronouns: dict[int, int] = {}
    seen: set[int | None] = set()
    for pp in work.parsed:
        scene = work.paragraphs[pp.paragraph].scene
        if scene in seen:
            continue
        seen.add(scene)
        first = next(iter(pp.doc.sents), None)
        if first is None:
            continue
        has_quote = any(quoted.holds(pp.start + t.idx) for t in first)
        tags: set[int] = set()
        for tok in first:
            if tok.dep_ not in ("nsubj", "nsubjpass") or quoted.holds(pp.start + tok.idx):
                continue
            if _inside_tag(tok.head, tags):
                continue  # '"Again," Roy said, before Jamie had got his breath back': the speaker's view of Jamie
            if tok.lower_ in ("he", "she"):
                # 'The house is dark when she lets herself in, where Crowe sits': she came first, and whoever
                # she turns out to be opens the scene (filled in once the pronouns are resolved)
                pronouns[scene] = pp.start + tok.idx
                break
            if has_quote and tok.head.lemma_.lower() in SPEECH_VERBS:
                tags.add(tok.head.i)
                continue  # '"Behind," said Hollis, and ... Priya flattened herself': a tag names who speaks, not whose head
            # the name may start anywhere from the phrase's left edge to its head: "Nora Hale", "the Lady Olivia"
            m = next((found for t in pp.doc[tok.left_edge.i:tok.i + 1]
                      if (found := mention_at.get(pp.start + t.idx)) is not None), None)
            if m is not None and m.character and m.kind == "name":
                out[scene] = m.character
                break
    return out, pronouns


def _inside_tag(verb, tags: set[int]) -> bool:
    """The clause of `verb` hangs under a speech tag ('said Roy, before ...'); a coordinated clause
    ('said Hollis, and Priya flattened herself') stands on its own."""
    node = verb
    for _ in range(8):
        if node.i in tags:
            return True
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _focal_prior(work: Work, mention_at: dict[int, Mention], openers: dict[int, str]) -> dict[int, dict[str, float]]:
    """Per scene, the share of cognition and perception verbs each character is the subject of, names
    counting a little, and the scene's opening subject a full verb's worth."""
    counts: dict[int, Counter] = defaultdict(Counter)
    names: dict[int, Counter] = defaultdict(Counter)
    for pp in work.parsed:
        scene = work.paragraphs[pp.paragraph].scene
        for tok in pp.doc:
            m = mention_at.get(pp.start + tok.idx)
            if m is None or m.character is None:
                continue
            names[scene][m.character] += 1
            role = name_head(tok, m.end - pp.start) if m.kind == "name" else tok
            if role.dep_ in ("nsubj", "nsubjpass") and role.head.lemma_.lower() in COGNITION:
                counts[scene][m.character] += 1
    declared = work.scratch["coref.declared_pov"] = declared_pov(work)  # pov reads it too
    out = {}
    for scene in set(counts) | set(names):
        total = Counter()
        for cid, n in names[scene].items():
            total[cid] += 0.25 * n
        for cid, n in counts[scene].items():
            total[cid] += n
        if scene in openers:
            total[openers[scene]] += OPENER_PRIOR
        norm = max(total.values(), default=0) or 1
        out[scene] = {cid: v / norm for cid, v in total.items()}
        if declared is not None:
            out[scene][declared] = DECLARED_FOCAL
    return out


def _infer_gender(work: Work, mention_at, quoted: SpanIndex) -> None:
    """A character's gender from the pronouns that refer back to their name, where no title or pack says.

    Votes come from a named subject and the subject or possessive pronouns after it in the same
    sentence ("Daniel said he was well") or opening the next one ("Clara frowned. She…"). Object
    pronouns in the subject's own sentence are someone else ("Clara did not believe him").
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for pp in work.parsed:
        previous = None
        for sent in pp.doc.sents:
            subject_here = None
            first_pronoun_seen = False
            rival = False  # someone else named since the subject: the pronoun may be theirs
            for tok in sent:
                m = mention_at.get(pp.start + tok.idx)
                if m is not None and m.kind == "name" and m.character \
                        and name_head(tok, m.end - pp.start).dep_ in ("nsubj", "nsubjpass"):
                    if subject_here is None:
                        subject_here = m.character
                    rival = rival or m.character != subject_here
                    continue
                if m is not None and m.kind == "name" and m.character and m.character != subject_here \
                        and subject_here and not quoted.holds(pp.start + tok.idx):
                    rival = True  # 'Medea had been watching Jason since he came in'
                info = PRONOUNS.get(tok.lower_)
                if not info or info[0] not in ("male", "female") or quoted.holds(pp.start + tok.idx):
                    continue
                if subject_here and info[1] in ("subj", "poss", "refl") and not rival:
                    votes[subject_here][info[0]] += 1
                elif not subject_here and previous and not first_pronoun_seen and info[1] in ("subj", "poss"):
                    votes[previous][info[0]] += 1
                first_pronoun_seen = True
            previous = subject_here if not rival else None
    prior = work.scratch.get("characters.name_gender", {})
    for c in work.characters:
        if c.gender is not None:
            continue
        g, n, second = None, 0, 0
        if votes[c.id]:
            (g, n), *rest = votes[c.id].most_common()
            second = rest[0][1] if rest else 0
        if g and n >= 3 and n >= 3 * second:
            c.gender = g  # the text's own pronouns overrule a given-name prior
        elif c.id in prior:
            c.gender = prior[c.id]
        elif g and n >= 1 and n >= 2 * second:
            c.gender = g


def _narrator(work: Work, quoted: SpanIndex) -> str | None:
    """A first-person narrator gets a character of their own (named by the pov stage when it can)."""
    count = third = 0
    for pp in work.parsed:
        for tok in pp.doc:
            if quoted.holds(pp.start + tok.idx):
                continue
            if tok.lower_ in ("i", "me", "my", "myself"):
                count += 1
            elif tok.lower_ in ("he", "she", "him", "her", "his", "himself", "herself"):
                third += 1
    if count < NARRATOR_MIN or count < NARRATOR_SHARE * third:
        return None
    cid = work.new_character_id()
    work.characters.append(Character(id=cid, name="Narrator", aliases=[], canonical=None, role="mentioned",
                                     mentions=0, gender=None))
    work.scratch["coref.narrator"] = cid
    return cid
