"""A learned decision for a singular description ('the young man', 'his master', 'the captain'):
the character already in play that it names, or nobody yet (a new entity opens).

The salience rules in coref.py link a description only where a descriptor or a possessive says so,
and otherwise open a description entity of its own, which splits one person in two when 'the young
man' is the named man of the previous sentence. A linear model (trained by
training/train_nominals.py on LitBank train folds, one file per evaluation fold) scores every
character in play with what a reader weighs: whether the description's gender agrees with the
candidate's, whether the candidate was already called by that noun ('the surgeon' after 'a parish
surgeon') or the text applied it to them ('Spock was a Vulcan'), how recently and how prominently
(subject, same or previous sentence, same paragraph) the candidate was mentioned, whether the
candidate is the possessor ('his master' is not he), the determiner (an indefinite 'a man' rarely
points back), quotation, and the rules' own choice. The best candidate is taken when its
probability clears the threshold chosen on the fold's dev documents; otherwise the rules' kin
character ('his mother') or a new description entity. Without a model file the rules decide alone.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np

from ficmeld import learned

MODEL = "nominals"
FEATURES = (
    "salience", "focal", "rank0", "rank0_compatible", "gender_match", "gender_clash", "gender_unknown",
    "head_match", "descriptor", "descriptor_sole", "named", "description_entity", "kin_entity",
    "det_definite", "det_possessive3", "det_possessive12", "det_indefinite", "det_none", "kin_head",
    "possessor", "same_sentence", "previous_sentence", "sentence_distance", "paragraph_distance",
    "same_paragraph", "last_subject", "last_name", "last_pronoun", "mention_subject", "co_argument",
    "quoted", "last_quoted", "rule_choice", "modified", "compatible_count", "sole_compatible", "seen_count",
    "unseen", "modifier_shared", "modifier_other", "age_clash", "name_has_head", "head_match_definite",
    "head_match_indefinite", "recent_definite", "recent_possessive", "kin_named", "gender_match_definite",
    "only_quoted", "postmodified", "postmodified_definite",
)
F = {name: i for i, name in enumerate(FEATURES)}
MAX_CANDIDATES = 30
DEFINITE = {"the", "this", "that"}
POSSESSIVE3 = {"his", "her", "their", "its"}
POSSESSIVE12 = {"my", "your", "our", "thy"}
INDEFINITE = {"a", "an", "another", "one", "some", "any"}
YOUNG = {"young", "younger", "youngest", "little", "youthful"}
OLD = {"old", "older", "oldest", "elderly", "aged", "ancient", "elder", "eldest"}


@dataclass
class NominalContext:
    """The coref pass's state where a description is met."""

    salience: dict
    gender: dict
    descriptors: dict
    focal: dict
    clause_chars: dict
    quoted: bool
    narrator: str | None
    scene: int | None
    owner: str | None = None  # the character the description's possessive pronoun was resolved to


class NominalLinker:
    """Keeps what each character has been called, and chooses a character for a description."""

    def __init__(self, weights: np.ndarray | None = None, threshold: float = 0.5):
        self.weights = weights
        self.threshold = threshold
        self.heads: dict[str, set[str]] = {}
        self.modifiers: dict[str, set[str]] = {}
        self.kin_made: set[str] = set()
        self.narrated: set[str] = set()  # characters mentioned at least once outside quotations

    @classmethod
    def load(cls) -> "NominalLinker":
        arrays = learned.load(MODEL, required=False)
        if arrays is None or [str(n) for n in arrays["features"]] != list(FEATURES):
            return cls()
        weights = np.concatenate([arrays["coef"].ravel(), arrays["intercept"].ravel()]).astype(np.float64)
        return cls(weights, float(arrays["threshold"].ravel()[0]))

    @property
    def active(self) -> bool:
        return self.weights is not None

    def seen(self, cid: str, quoted: bool) -> None:
        if not quoted:
            self.narrated.add(cid)

    def called(self, cid: str, lemma: str, modifiers: set[str] = frozenset()) -> None:
        """`cid` was named by a description with head `lemma` and adjectives `modifiers`."""
        self.heads.setdefault(cid, set()).add(lemma)
        self.modifiers.setdefault(cid, set()).update(modifiers)

    def link(self, work, m, tok, ctx: NominalContext, entities, ranker, rule: str | None, made: bool,
             clause: set[str]) -> str | None:
        """The character for nominal mention `m` (token `tok`): the rules' `rule` (a kin character they
        just `made`, or the scene's entity with the same head) unless the model is loaded and says otherwise."""
        from ficmeld.stages.coref_entities import GENDERED_NOUNS
        known = work.scratch.get("characters.nominal_heads", {}).get(m.start)
        words = work.text[m.start:m.end].split()
        if known is not None:
            word, lemma, det, plural = known.word, known.lemma, known.det or "", known.plural
        else:
            word = lemma = words[-1].lower().strip(".,;:!?") if words else ""
            det = words[0].lower() if len(words) > 1 else ""
            plural = False
        head_tok = tok.doc[known.head] if known is not None and 0 <= known.head < len(tok.doc) else tok
        mods = {c.lower_ for c in head_tok.children if c.dep_ in ("amod", "compound") and c.i < head_tok.i}
        if rule is None:
            rule = entities.existing(m, ctx.scene)
        if made:
            # the rules just made the possessor's kin ('his mother'): that needs knowing whose, which the
            # model cannot see (in second person 'her husband' is not the 'you' she named)
            self.kin_made.add(rule)
            chosen = rule
        elif _predicative(head_tok) or lemma in QUANTIFIED:
            # 'Kirk was just one man': a predicate says what someone is; 'nobody', 'anyone' are no one in particular
            chosen = entities.resolve(m, ctx.scene, reuse=False)
        elif not self.active or plural:
            chosen = rule if rule is not None else entities.resolve(m, ctx.scene)
        else:
            # the most salient few: a description names someone in play, and rows cost time per candidate
            ranked = heapq.nlargest(MAX_CANDIDATES, ((v, c) for c, v in ctx.salience.items() if v > 0))
            candidates = {c: v for v, c in ranked}
            for extra in (rule, entities.existing(m, ctx.scene)):
                if extra is not None:
                    candidates.setdefault(extra, 0.0)
            possessor = _possessor(det, ctx)
            if ctx.owner is not None and det in POSSESSIVE3:
                candidates.pop(ctx.owner, None)  # 'his friend' is never the man 'his' was resolved to
            want = GENDERED_NOUNS.get(lemma)
            ids, x = self.rows(word, lemma, det, want, ranker, candidates, ctx.gender, ctx.focal, ctx.descriptors,
                               clause, possessor, rule, tok.dep_ in ("nsubj", "nsubjpass"),
                               ctx.quoted, len(words) > (2 if det else 1), lemma in KIN_HEADS,
                               entities.opened, self.kin_made, mods, work,
                               known is not None and m.end > known.head_end)
            chosen = self.choose(ids, x, rule, (m.start, m.end))
            if chosen is None and det in POSSESSIVE3 and rule is not None and rule != possessor:
                chosen = rule  # 'his first officer': someone of his, in play, whom the rules found; no stranger
            if chosen is None:
                chosen = entities.resolve(m, ctx.scene, reuse=False)
            elif want is not None and ctx.gender.get(chosen) is None and not ctx.quoted and lemma not in KIN_HEADS:
                # narration only, and no kin word: '"Creon," she says, "is our uncle"' links badly and must not
                # turn a woman's name male
                _learn_gender(work, ctx, chosen, want)
        if chosen is not None:
            self.called(chosen, lemma, mods)
        return chosen

    def rows(self, word: str, lemma: str, det: str, want: str | None, ranker, candidates: dict[str, float],
             gender: dict, focal: dict, descriptors: dict, clause: set[str], possessor: str | None,
             rule: str | None, subject: bool, quoted: bool, modified: bool, kin: bool,
             described: set[str], kin_made: set[str], mods: set[str] = frozenset(),
             work=None, postmodified: bool = False) -> tuple[list[str], np.ndarray]:
        """One feature row per candidate, in a fixed order."""
        ids = sorted(candidates, key=lambda c: (-candidates[c], c))
        compatible = [c for c in ids if want is None or gender.get(c) in (want, None)]
        holders = descriptors.get(lemma, set()) | descriptors.get(word, set())
        x = np.zeros((len(ids), len(FEATURES)))
        for r, cid in enumerate(ids):
            g = gender.get(cid)
            last = ranker.last.get(cid)
            row = x[r]
            row[F["salience"]] = min(candidates[cid], 5.0)
            row[F["focal"]] = focal.get(cid, 0.0)
            row[F["rank0"]] = r == 0
            row[F["rank0_compatible"]] = bool(compatible) and compatible[0] == cid
            row[F["gender_match"]] = want is not None and g == want
            row[F["gender_clash"]] = want is not None and g is not None and g != want
            row[F["gender_unknown"]] = want is None or g is None
            row[F["head_match"]] = lemma in self.heads.get(cid, ())
            row[F["descriptor"]] = cid in holders
            row[F["descriptor_sole"]] = holders == {cid}
            row[F["named"]] = cid in ranker.named
            row[F["description_entity"]] = cid in described
            row[F["kin_entity"]] = cid in kin_made
            row[F["det_definite"]] = det in DEFINITE
            row[F["det_possessive3"]] = det in POSSESSIVE3
            row[F["det_possessive12"]] = det in POSSESSIVE12
            row[F["det_indefinite"]] = det in INDEFINITE
            row[F["det_none"]] = det == ""
            row[F["kin_head"]] = kin
            row[F["possessor"]] = cid == possessor
            row[F["co_argument"]] = cid in clause
            row[F["mention_subject"]] = subject
            row[F["quoted"]] = quoted
            row[F["rule_choice"]] = cid == rule
            row[F["modified"]] = modified
            row[F["compatible_count"]] = math.log1p(len(compatible)) / 3
            row[F["sole_compatible"]] = compatible == [cid]
            row[F["postmodified"]] = postmodified
            row[F["postmodified_definite"]] = postmodified and det in DEFINITE  # 'the man with the clipboard'
            row[F["only_quoted"]] = cid not in self.narrated  # named only in speech: maybe the addressee, 'you'
            known_mods = self.modifiers.get(cid, set())
            row[F["modifier_shared"]] = bool(mods & known_mods)
            row[F["modifier_other"]] = bool(mods) and bool(known_mods) and not mods & known_mods
            row[F["age_clash"]] = bool(mods & YOUNG and known_mods & OLD or mods & OLD and known_mods & YOUNG)
            character = work.character(cid) if work is not None else None
            row[F["name_has_head"]] = character is not None and word in character.name.lower().split()
            head_match = lemma in self.heads.get(cid, ())
            row[F["head_match_definite"]] = head_match and det in DEFINITE
            row[F["head_match_indefinite"]] = head_match and det in INDEFINITE
            row[F["kin_named"]] = kin and cid in ranker.named
            row[F["gender_match_definite"]] = row[F["gender_match"]] and det in DEFINITE
            if last is None:
                row[F["unseen"]] = 1
                continue
            ranker.describe_last(row, F, last)
            row[F["previous_sentence"]] = ranker.sentence - last.sentence == 1
            recent = ranker.sentence - last.sentence <= 1
            row[F["recent_definite"]] = recent and det in DEFINITE
            row[F["recent_possessive"]] = recent and det in POSSESSIVE3
        return ids, x

    def choose(self, ids: list[str], x: np.ndarray, rule: str | None, span: tuple[int, int]) -> str | None:
        """The candidate the description names, or None when none is likely enough."""
        if self.weights is None or not ids:
            return rule
        scores = x @ self.weights[:-1] + self.weights[-1]
        best = int(np.argmax(scores))
        if 1.0 / (1.0 + math.exp(-scores[best])) >= self.threshold:
            return ids[best]
        return None


QUANTIFIED = {"nobody", "anybody", "anyone", "somebody", "someone", "everybody", "everyone", "one", "none"}
KIN_HEADS = {"mother", "father", "mum", "mom", "dad", "mama", "papa", "sister", "brother", "wife", "husband", "son",
             "daughter", "uncle", "aunt", "grandmother", "grandfather", "cousin", "parents", "twin"}


def _predicative(head_tok) -> bool:
    return head_tok.dep_ == "attr" and head_tok.head.lemma_ == "be"


def _possessor(det: str, ctx: NominalContext) -> str | None:
    """Whom 'his'/'her'/'my' most likely refers to: the most salient character of that gender, or the narrator."""
    if det in ("my", "our"):
        return ctx.narrator
    if ctx.owner is not None:
        return ctx.owner
    want = "male" if det == "his" else "female" if det == "her" else None
    if want is None:
        return None
    ranked = sorted(ctx.salience.items(), key=lambda kv: -(kv[1] + 0.4 * ctx.focal.get(kv[0], 0.0)))
    return next((cid for cid, v in ranked if v > 0.05 and ctx.gender.get(cid) in (want, None)), None)



def _learn_gender(work, ctx: NominalContext, cid: str, gender: str) -> None:
    """'Mara Quinn climbed. The girl was tired': a gendered description tells us the gender the name did not."""
    ctx.gender[cid] = gender
    character = work.character(cid)
    if character is not None and character.gender is None:
        character.gender = gender
