"""Stage `pov`: person, tense, focal character and head-hops per scene.

Each paragraph's narration is read once (pov_features.py). Person and tense are counts over the
scene's narration. In third person the focal character is found by a Viterbi pass over the
paragraphs: states are the characters with access-to-mind evidence in the scene, a paragraph
scores each by its evidence, and changing state costs SWITCH, so one stray 'she knew' does not
move the camera. A change of state that survives is a head-hop only if the new head has cognition
of their own there (perception is shared by everyone in a room). First and second person scenes
are the narrator's; who that is comes from pov_narrator.py. Confidence is the margin between the
best and second candidate, relative to their total.
"""
from __future__ import annotations

import bisect
from collections import defaultdict

from ficmeld.model.document import HeadHop, Pov, Quote, Scene, Span
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.stages.characters import refresh_character_views
from ficmeld.stages.pov_features import (
    FID_CAP,
    FID_WEIGHT,
    NARRATOR,
    READER,
    SECOND,
    STRONG,
    THOUGHT_QUOTE,
    ParagraphEvidence,
    Reader,
    narration_quotes,
)
from ficmeld.stages.pov_narrator import identify, name_table, scene_labels

SWITCH = 2.0          # evidence a new head must outscore the old one by to take over
SHIFT_SWITCH = 0.5    # share of SWITCH a change of head costs where the telling moves elsewhere
MAX_STATES = 6
SUSTAINED = 2.5       # seeing and feeling over two paragraphs or more, with no thought verb, still makes a head
LABEL_WEIGHT = 5.0    # "Harry's POV" at the top of a scene
OPENING_SUBJECT = 1.0  # the character named as the subject of a scene's first sentence
DECLARED_WEIGHT = 2.0  # the one character the summary or notes say the story is told by
LABELLED = 0.9        # confidence in a first-person scene's narrator named by such a label
# First/second-person pronouns per narrated sentence. On LitBank's 100 excerpts (gold quotes left out)
# first-person narration runs 0.3-5.7 'I' per sentence and third person 0-0.26 (narrator asides, letters).
FIRST_SHARE, SECOND_SHARE, OVER_THIRD = 0.28, 0.35, 0.25
# A letter or a diary page inside a third-person scene puts its 'I's in one paragraph; a narrator is in many.
FIRST_SPREAD = 0.3
STORY_FIRST = 0.5  # share of FIRST_SHARE that makes a scene first person where another scene of the story is
# Generic 'you' ("you did not look at a liar while...") clusters in a paragraph or two of a third-person
# scene; a second-person protagonist is in most paragraphs and outnumbers the he/she subjects.
SECOND_OVER_THIRD, SECOND_SPREAD = 0.5, 0.4
# Present-tense narration tells its backstory in the past ("She told her the truth about the tower") and past
# narration comments in the present: a scene is mixed only where neither tense has near two thirds.
PAST_SHARE = 0.65
MIXED_SHARE = 0.25
PARAGRAPH_MAJORITY = 2 / 3
MAX_EVIDENCE = 8
PARAGRAPH_WEIGHT, PARAGRAPH_CAP, OPENING_SHARE = 0.5, 3.0, 0.5  # who owns a scene with hops in it
PSEUDO = (NARRATOR, READER)
# A scene opens in its own head: what its first two paragraphs show of a mind counts half as much again,
# so a head that opens a scene is not swallowed by a longer one it hops to (chosen over sets 1-11)
OPENING_PARAGRAPHS, OPENING_BOOST = 2, 1.5


@stage("pov", requires=("characters", "quotes", "coref", "speakers"), assigns=("scenes", "mentions", "characters"))
def point_of_view(work: Work) -> None:
    narrator = work.scratch.get("coref.narrator")
    quotes = narration_quotes(work)
    evidence = read_paragraphs(work, narrator, quotes)
    scene_paragraphs: dict[int, list[ParagraphEvidence]] = defaultdict(list)
    for p in work.paragraphs:
        if p.scene is not None and p.index in evidence:
            scene_paragraphs[p.scene].append(evidence[p.index])
    labels = scene_labels(work)
    for scene, (who, _) in labels.items():
        if scene_paragraphs.get(scene):
            scene_paragraphs[scene][0].add(who, LABEL_WEIGHT)
    declared = work.scratch.get("coref.declared_pov")  # "Ismene POV" in the author's note
    openers = work.scratch.get("coref.scene_openers", {})  # a scene usually opens on its own head
    for scene, paragraphs in scene_paragraphs.items():
        for who, weight in ((declared, DECLARED_WEIGHT), (openers.get(scene), OPENING_SUBJECT)):
            if who and paragraphs:
                paragraphs[0].add(who, weight)
    persons = {s.index: scene_person(scene_paragraphs.get(s.index, [])) for s in work.scenes}
    if "first" in persons.values():
        # a scene of a first-person story that watches others talk has few 'I's of its own, and is still hers
        for i, person in persons.items():
            relaxed = scene_person(scene_paragraphs.get(i, []), FIRST_SHARE * STORY_FIRST, first_spread=0.0)
            if person == "third" and relaxed == "first":
                persons[i] = "first"
    heads = {"first": (None, 0.0, []), "second": (None, 0.0, [])}
    for person in ("first", "second"):
        if person in persons.values():
            heads[person] = identify(work, person, narrator if person == "first" else None, quotes,
                                     _narration_subjects(evidence))
    owners = {}  # first/second-person scene -> (character, confidence, evidence); a label beats the guess
    for i, person in persons.items():
        if person in ("first", "second"):
            owners[i] = (labels[i][0], LABELLED, [labels[i][1]]) if i in labels else heads[person]
    you_by_scene = {i: o[0] for i, o in owners.items() if persons[i] == "second" and o[0]}
    if you_by_scene:
        give_you_to(work, you_by_scene, quotes)
    named_narrator = heads["first"][0]
    if narrator is not None:
        move_narrator(work, narrator, {i: o[0] for i, o in owners.items() if persons[i] == "first" and o[0]},
                      named_narrator)
    focus: list[tuple[int, str | None, float]] = []
    for s in work.scenes:
        paragraphs = scene_paragraphs.get(s.index, [])
        person = persons[s.index]
        if person in ("first", "second"):
            _narrated_scene(s, paragraphs, person, owners[s.index], narrator, focus)
            continue
        rename = {narrator: named_narrator} if named_narrator and narrator else {}
        if person == "mixed":
            rename[NARRATOR] = named_narrator or narrator
        _third_person_scene(work, s, paragraphs, person, rename, focus)
        if s.index in labels and s.pov is not None and s.pov.character == labels[s.index][0]:
            s.pov.evidence = [labels[s.index][1], *s.pov.evidence][:MAX_EVIDENCE]
    work.scratch["pov.paragraph_focus"] = focus


def read_paragraphs(work: Work, narrator: str | None, quotes: list[Quote]) -> dict[int, ParagraphEvidence]:
    reader = Reader(work, narrator, quotes, name_table(work))
    evidence: dict[int, ParagraphEvidence] = {}
    for pp in work.parsed:
        ev = evidence.setdefault(pp.paragraph, ParagraphEvidence(pp.paragraph))
        reader.read(pp, ev)
    for q in work.quotes:
        if q.kind == "thought" and q.speaker:
            p = work.paragraph_at(q.start)
            if p is not None and p.index in evidence:
                evidence[p.index].add(q.speaker, THOUGHT_QUOTE, Span(start=q.start, end=q.end))
    for ev in evidence.values():
        leader = ev.leader()
        if leader is not None and ev.interior:
            ev.add(leader, min(FID_CAP, FID_WEIGHT * ev.interior))  # free indirect discourse is the leader's
    return evidence


def scene_person(paragraphs: list[ParagraphEvidence], first_share: float = FIRST_SHARE,
                 first_spread: float = FIRST_SPREAD) -> str:
    sentences = max(1, sum(p.sentences for p in paragraphs))
    first = sum(p.first for p in paragraphs)
    second = sum(p.second for p in paragraphs)
    third = sum(p.third for p in paragraphs)
    if first / sentences >= first_share and first >= 2 and first >= 0.5 * second and first >= OVER_THIRD * third \
            and _spread(paragraphs, "first") >= first_spread:
        person = "first"
    elif (second / sentences >= SECOND_SHARE and second >= 2 and second >= SECOND_OVER_THIRD * third
          and _spread(paragraphs, "second") >= SECOND_SPREAD):
        person = "second"
    else:
        person = "third"
    own = first if person == "first" else second
    if person != "third" and own:
        # paragraphs in close third on someone else, no 'I'/'you' at all: the scene changes person
        others = [p for p in paragraphs if p.sentences >= 2 and not (p.first if person == "first" else p.second)
                  and any(w >= STRONG and k not in PSEUDO for k, w in p.cognition.items())]
        if len(others) >= 2 and len(others) >= MIXED_SHARE * len(paragraphs):
            return "mixed"
    return person


def _spread(paragraphs: list[ParagraphEvidence], attr: str) -> float:
    """Share of narrated paragraphs that use the pronoun class at all."""
    narrated = [p for p in paragraphs if p.sentences]
    return sum(1 for p in narrated if getattr(p, attr)) / max(1, len(narrated))


def scene_tense(paragraphs: list[ParagraphEvidence]) -> str:
    """The tense of the scene's narrative now. A flashback or a narrator's comment from a later day comes
    in a paragraph or two of the other tense ("He had not planned it", "I do not remember much of the
    first act"), so paragraphs vote first; only where they split is it a count of clauses."""
    votes = {"past": 0, "present": 0}
    for p in paragraphs:
        if p.past != p.present:
            votes["past" if p.past > p.present else "present"] += 1
    voted = votes["past"] + votes["present"]
    if voted >= 2:
        for tense, n in votes.items():
            if n >= PARAGRAPH_MAJORITY * voted:
                return tense
    past = sum(p.past for p in paragraphs)
    present = sum(p.present for p in paragraphs)
    if past + present == 0:
        return "past"
    share = past / (past + present)
    if share >= PAST_SHARE:
        return "past"
    return "present" if share <= 1 - PAST_SHARE else "mixed"


def _narrated_scene(scene: Scene, paragraphs, person, head, narrator, focus) -> None:
    who, confidence, evidence = head
    pseudo = NARRATOR if person == "first" else READER
    own = who or (narrator if person == "first" else None)
    for p in paragraphs:
        score = p.focus.get(pseudo, 0.0) + (p.focus.get(narrator, 0.0) if narrator else 0.0)
        focus.append((p.paragraph, own, round(score, 3)))
    scene.pov = Pov(character=who, person=person, tense=scene_tense(paragraphs),
                    confidence=confidence if who else 0.1, evidence=evidence[:MAX_EVIDENCE])
    scene.head_hops = []


def _third_person_scene(work: Work, scene: Scene, paragraphs, person, rename, focus) -> None:
    rename = {k: v for k, v in rename.items() if v}

    def scores_of(p: ParagraphEvidence) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for table in (p.focus, p.actions):
            for k, v in table.items():
                k = rename.get(k, k)
                if k not in PSEUDO:
                    out[k] += v
        return out

    table = [scores_of(p) for p in paragraphs]
    for row in table[:OPENING_PARAGRAPHS]:
        for cid in row:
            if row[cid] > 0:
                row[cid] *= OPENING_BOOST
    totals: dict[str, float] = defaultdict(float)
    for row in table:
        for k, v in row.items():
            totals[k] += max(0.0, v)
    states = [k for k, _ in sorted(totals.items(), key=lambda kv: -kv[1]) if totals[k] > 0][:MAX_STATES]
    tense = scene_tense(paragraphs)
    if not states:
        scene.pov = Pov(character=None, person=person, tense=tense, confidence=0.0)
        scene.head_hops = []
        focus.extend((p.paragraph, None, 0.0) for p in paragraphs)
        return
    path = viterbi([[row.get(s, 0.0) for s in states] for row in table],
                   [SWITCH * (SHIFT_SWITCH if p.shift else 1.0) for p in paragraphs])
    labels = start_hops_at_own_thought(confirm_hops([states[i] for i in path], paragraphs, rename), paragraphs, rename)
    # no hop held up: where the smoothed pass opened the scene in another head, the scene is still that
    # head's, for a scene belongs to the head it opens in (the one a hop leaves)
    pov = states[path[0]] if len(set(labels)) == 1 else _hopping_scene_owner(table, labels)
    confidence = _confidence(paragraphs, labels, pov, rename)
    weighted = sorted(((w, span) for p in paragraphs for k, pairs in p.evidence.items() if rename.get(k, k) == pov
                       for w, span in pairs), key=lambda ws: (ws[0], -ws[1].start))[-MAX_EVIDENCE:]
    scene.pov = Pov(character=pov, person=person, tense=tense, confidence=confidence,
                    evidence=sorted((span for _, span in weighted), key=lambda sp: sp.start))
    scene.head_hops = hops(work, paragraphs, table, labels)
    focus.extend((p.paragraph, who, round(row.get(who, 0.0), 3)) for p, row, who in zip(paragraphs, table, labels))


def _hopping_scene_owner(table: list[dict[str, float]], labels: list[str]) -> str:
    """The head a scene with hops opens in is the one it hops away from, unless the scene mostly lives elsewhere."""
    weight: dict[str, float] = defaultdict(float)
    for row, who in zip(table, labels):
        weight[who] += PARAGRAPH_WEIGHT + min(PARAGRAPH_CAP, max(0.0, row.get(who, 0.0)))
    return labels[0] if weight[labels[0]] >= OPENING_SHARE * max(weight.values()) else max(weight, key=weight.get)


def _confidence(paragraphs, labels, pov: str, rename) -> float:
    """Margin of the owner over the best rival, in the owner's own paragraphs (a hop's are the hop's),
    counting access to a mind only: who merely acts is no rival."""
    own: dict[str, float] = defaultdict(float)
    for p, who in zip(paragraphs, labels):
        if who == pov:
            for k, v in p.focus.items():
                if rename.get(k, k) not in PSEUDO:
                    own[rename.get(k, k)] += max(0.0, v)
    top = own[pov]
    second = max((v for k, v in own.items() if k != pov), default=0.0)
    confidence = (top - second) / (top + second + 1.0) if top > second else 0.0
    if top <= 0:
        confidence = min(confidence, 0.2)  # only actions: a guess from who does things
    return round(max(0.0, confidence), 3)


def viterbi(scores: list[list[float]], switch: float | list[float]) -> list[int]:
    """Best state sequence where each paragraph adds its score for the state and a change of state into
    paragraph i costs `switch` (or `switch[i]`)."""
    if not scores:
        return []
    costs = switch if isinstance(switch, list) else [switch] * len(scores)
    k = len(scores[0])
    best = list(scores[0])
    back: list[list[int]] = []
    for i, row in enumerate(scores[1:], start=1):
        arg = max(range(k), key=lambda j: best[j])
        new, ptr = [], []
        for j in range(k):
            stay, move = best[j], best[arg] - costs[i]
            if arg != j and move > stay:
                new.append(move + row[j])
                ptr.append(arg)
            else:
                new.append(stay + row[j])
                ptr.append(j)
        best = new
        back.append(ptr)
    state = max(range(k), key=lambda j: (best[j], -j))
    path = [state]
    for ptr in reversed(back):
        state = ptr[state]
        path.append(state)
    return path[::-1]


def _segments(labels: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for i, who in enumerate(labels):
        if out and out[-1][2] == who:
            out[-1] = (out[-1][0], i + 1, who)
        else:
            out.append((i, i + 1, who))
    return out


def _cognition(paragraphs, lo, hi, who, rename) -> float:
    total = 0.0
    for p in paragraphs[lo:hi]:
        for k, v in p.cognition.items():
            if rename.get(k, k) == who:
                total += v
    return total


def _focus(paragraphs, lo, hi, who, rename) -> float:
    return sum(v for p in paragraphs[lo:hi] for k, v in p.focus.items() if rename.get(k, k) == who)


def confirm_hops(labels: list[str], paragraphs, rename) -> list[str]:
    """Keep a change of head only where each side thinks for itself; else the segment joins its neighbour."""
    segments = _segments(labels)
    while len(segments) > 1:
        weak = None
        for n, (lo, hi, who) in enumerate(segments):
            cognition = _cognition(paragraphs, lo, hi, who, rename)
            neighbours = [segments[m][2] for m in (n - 1, n + 1) if 0 <= m < len(segments)]
            rival = max(_focus(paragraphs, lo, hi, o, rename) for o in neighbours)
            own = _focus(paragraphs, lo, hi, who, rename)
            strong = cognition >= 2 * STRONG or (cognition >= STRONG and rival <= 0 and own >= 1.5) \
                or (paragraphs[lo].shift and cognition >= STRONG) \
                or (hi - lo >= 2 and own >= SUSTAINED and own >= 2 * rival + 1.0)
            if n == 0 and own > rival:
                continue  # a scene opens in its own head: it needs only show more of it than of the next
            if not strong or own < rival + 1.0:
                if weak is None or own < weak[0]:
                    weak = (own, n)
        if weak is None:
            break
        n = weak[1]
        lo, hi, _ = segments[n]
        into = segments[n - 1][2] if n > 0 else segments[n + 1][2]
        labels[lo:hi] = [into] * (hi - lo)
        segments = _segments(labels)
    return labels


def start_hops_at_own_thought(labels: list[str], paragraphs, rename) -> list[str]:
    """A new head starts where they first see, think or feel for themselves; the paragraphs before that,
    where they only act or are seen, are still the old head watching them."""
    for n, (lo, hi, who) in enumerate(_segments(labels)):
        if n == 0:
            continue
        if paragraphs[lo].shift:
            continue  # the telling moved to them: the hop starts with the move
        first = next((i for i in range(lo, hi) if _focus(paragraphs, i, i + 1, who, rename) > 0), lo)
        labels[lo:first] = [labels[lo - 1]] * (first - lo)
    return labels


def hops(work: Work, paragraphs, table, labels) -> list[HeadHop]:
    out = []
    segments = _segments(labels)
    for (_, _, before), (lo, hi, after) in zip(segments, segments[1:]):
        para = work.paragraphs[paragraphs[lo].paragraph]
        new = sum(max(0.0, row.get(after, 0.0)) for row in table[lo:hi])
        old = sum(max(0.0, row.get(before, 0.0)) for row in table[lo:hi])
        out.append(HeadHop(start=para.start, end=para.end, from_=before, to=after,
                           confidence=round((new - old) / (new + old + 1.0), 3)))
    return out


def _narration_subjects(evidence: dict[int, ParagraphEvidence]) -> dict[str, int]:
    """How often narration uses each character's name as a subject (pronouns are coref's guesses)."""
    out: dict[str, int] = defaultdict(int)
    for ev in evidence.values():
        for k, v in ev.named_subjects.items():
            out[k] += v
    return out


def give_you_to(work: Work, owner_by_scene: dict[int, str], quotes: list[Quote]) -> None:
    """The 'you' a second-person scene's narration speaks to is the character found to be that 'you'."""
    inside = SpanIndex([(q.start, q.end) for q in quotes])
    for m in work.mentions:
        if m.character is None and m.kind == "pronoun" and work.text[m.start:m.end].lower() in SECOND \
                and not inside.holds(m.start):
            scene = work.scene_at(m.start)
            if scene is not None and scene.index in owner_by_scene:
                m.character, m.group = owner_by_scene[scene.index], None
    refresh_character_views(work)


def move_narrator(work: Work, narrator: str, owner_by_scene: dict[int, str], default: str | None) -> None:
    """The coref stage's placeholder narrator is the character each scene's 'I' was found to be: its
    mentions and quotes move over, and the placeholder goes once nothing is left to it."""
    starts = [sc.start for sc in work.scenes]

    def owner(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        scene = work.scenes[i] if i >= 0 and offset < work.scenes[i].end else None
        return owner_by_scene.get(scene.index, default) if scene is not None else default

    for m in work.mentions:
        if m.character == narrator:
            m.character = owner(m.start) or narrator
    for q in work.quotes:
        if q.speaker == narrator:
            q.speaker = owner(q.start) or narrator
        if q.addressee == narrator:
            q.addressee = owner(q.start) or narrator
    if not any(m.character == narrator for m in work.mentions):
        work.characters = [c for c in work.characters if c.id != narrator]
        if default is not None:
            work.scratch["coref.narrator"] = default
    refresh_character_views(work)
