"""People known only by a description: 'a young woman' ... 'the young woman' ... 'she'.

A singular nominal mention that resolves to no named character opens an entity of its own, which
later descriptions with the same head ('the surgeon' after 'a parish surgeon') and pronouns may
join through the usual salience. Entities that nothing joins are dropped again (their one mention
stays unresolved), so a passing 'the waiter' does not become a character; groups ('the men',
'everybody') never open one.
"""
from __future__ import annotations

from ficmeld.model.document import Character, Mention
from ficmeld.model.work import Work

GENDERED_NOUNS = {
    "man": "male", "boy": "male", "gentleman": "male", "father": "male", "brother": "male", "son": "male",
    "husband": "male", "king": "male", "prince": "male", "uncle": "male", "lord": "male", "sir": "male",
    "fellow": "male", "lad": "male", "nephew": "male", "grandfather": "male", "widower": "male", "monk": "male",
    "priest": "male", "duke": "male", "count": "male", "baron": "male", "earl": "male", "emperor": "male",
    "woman": "female", "girl": "female", "lady": "female", "mother": "female", "sister": "female",
    "daughter": "female", "wife": "female", "queen": "female", "princess": "female", "aunt": "female",
    "niece": "female", "grandmother": "female", "widow": "female", "maid": "female", "nun": "female",
    "duchess": "female", "countess": "female", "baroness": "female", "mistress": "female", "governess": "female",
    "actress": "female", "waitress": "female", "hostess": "female", "heiress": "female", "landlady": "female",
    "housekeeper": "female", "nurse": "female", "bride": "female", "madam": "female", "lass": "female",
}
DEFINITE = {"the", "this", "that", "his", "her", "their", "my", "your", "our"}
OPENERS = DEFINITE | {"a", "an", "one", "another"}
MIN_MENTIONS = 2


class NominalEntities:
    def __init__(self, work: Work, gender: dict[str, str | None]):
        self.work = work
        self.gender = gender
        self.heads = work.scratch.get("characters.nominal_heads", {})
        self.by_scene_head: dict[tuple[int | None, str], str] = {}
        self.opened: set[str] = set()

    def _head(self, m: Mention) -> tuple[str, str, bool] | None:
        """(head lemma, determiner, plural) of a nominal mention; None when unknown."""
        known = self.heads.get(m.start)
        if known is not None:
            return known.lemma, known.det or "", known.plural
        words = self.work.text[m.start:m.end].lower().split()
        if not words:
            return None
        return words[-1].strip(".,;:!?"), words[0], words[-1].endswith("s") and not words[-1].endswith("ss")

    def existing(self, m: Mention, scene: int | None) -> str | None:
        """The scene's earlier entity with this definite description's head ('the surgeon'), if any."""
        head = self._head(m)
        if head is None or head[2] or head[1] not in DEFINITE:
            return None
        return self.by_scene_head.get((scene, head[0]))

    def resolve(self, m: Mention, scene: int | None, reuse: bool = True) -> str | None:
        """The entity this description names: an earlier one with the same head (unless `reuse` is
        off, where a learned linker has already declined it), or a new one."""
        head = self._head(m)
        if head is None:
            return None
        lemma, det, plural = head
        if plural or det not in OPENERS:
            return None
        key = (scene, lemma)
        if reuse and det in DEFINITE and key in self.by_scene_head:
            return self.by_scene_head[key]
        cid = self.work.new_character_id()
        known = self.heads.get(m.start)
        end = known.head_end if known is not None and known.head_end > m.start else m.end
        name = " ".join(self.work.text[m.start:end].split())
        self.work.characters.append(Character(id=cid, name=name[:1].lower() + name[1:], aliases=[], canonical=None,
                                              role="mentioned", mentions=0, gender=GENDERED_NOUNS.get(lemma)))
        self.gender[cid] = GENDERED_NOUNS.get(lemma)
        self.by_scene_head[key] = cid
        self.opened.add(cid)
        return cid

    def prune(self, mentions: list[Mention]) -> dict[str, str] | None:
        """Drop the entities nothing joined (their mentions go back to unresolved); the id renaming, if any."""
        counts: dict[str, int] = {}
        for m in mentions:
            if m.character in self.opened:
                counts[m.character] = counts.get(m.character, 0) + 1
        dead = {cid for cid in self.opened if counts.get(cid, 0) < MIN_MENTIONS}
        if not dead:
            return None
        kept = [c for c in self.work.characters if c.id not in dead]
        # Ids stay c0..cN-1, as the characters stage numbered them (new ones come from Work.new_character_id)
        new_id = {c.id: f"c{n}" for n, c in enumerate(kept)}
        for m in mentions:
            m.character = new_id.get(m.character) if m.character is not None else None
        for c in kept:
            c.id = new_id[c.id]
        self.work.characters = kept
        _rename_scratch(self.work.scratch, new_id)
        return new_id


def _rename_scratch(scratch: dict, new_id: dict[str, str]) -> None:
    """The character ids the characters and coref stages left in scratch, renamed (dropped ones removed)."""
    for key in ("characters.titles", "characters.name_gender"):
        if key in scratch:
            scratch[key] = {new_id[k]: v for k, v in scratch[key].items() if k in new_id}
    if scratch.get("coref.narrator") is not None:
        scratch["coref.narrator"] = new_id.get(scratch["coref.narrator"])
    if "coref.quote_speakers" in scratch:
        scratch["coref.quote_speakers"] = {k: new_id.get(v) if v else None
                                           for k, v in scratch["coref.quote_speakers"].items()}
