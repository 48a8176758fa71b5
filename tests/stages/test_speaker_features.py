from ficmeld.stages.characters import find_characters
from ficmeld.stages.coref import resolve_coreference
from ficmeld.stages.quotes import find_quotes
from ficmeld.stages.speaker_features import FEATURES, INDEX
from ficmeld.stages.speaker_model import candidate_table, quote_views
from ficmeld.stages.speakers import _vocative, apply_rules

from tests.stages.helpers import names_by_id, parsed_work


def table(text):
    work = parsed_work(text)
    find_characters(work)
    find_quotes(work)
    resolve_coreference(work)
    ctx = apply_rules(work)
    views = quote_views(ctx, _vocative)
    names = names_by_id(work)
    out = []
    for ids, rows in candidate_table(ctx, views):
        assert rows.shape == (len(ids), len(FEATURES))
        out.append({names[c]: {f: float(v) for f, v in zip(FEATURES, row) if v} for c, row in zip(ids, rows)})
    return out


def test_the_tag_subject_is_a_candidate_with_the_rule_and_its_place():
    rows = table('Hilda Brandt and Olaf Sund waited at the station. "The train is late," Hilda said.\n')
    hilda = rows[0]["Hilda Brandt"]
    assert hilda["rule_explicit"] == 1.0 and hilda["after_name"] == 1.0 and hilda["nearest_after"] == 1.0
    assert "rule_explicit" not in rows[0].get("Olaf Sund", {})


def test_previous_speakers_are_candidates_and_a_vocative_is_marked():
    rows = table(
        'Hilda Brandt and Olaf Sund waited at the station.\n\n'
        '"The train is late," Hilda said.\n\n'
        '"It always is," Olaf said.\n\n'
        '"Olaf, you promised."\n'
    )
    last = rows[-1]
    assert last["Olaf Sund"]["vocative"] == 1.0 and last["Olaf Sund"]["spoke_1"] == 1.0
    assert last["Hilda Brandt"]["spoke_2"] == 1.0
    assert "adjacent_spoke_2" not in last["Hilda Brandt"]  # Olaf's tag stands between: no bare exchange of lines


def test_a_speaker_of_a_conversation_long_over_is_no_turn():
    narration = "".join(f"The rain went on over the town for hour {n}.\n\n" for n in range(5))
    rows = table('Hilda Brandt stood by the door. "Go home," Hilda said.\n\n' + narration + '"Why not?"\n')
    hilda = rows[-1]["Hilda Brandt"]
    assert hilda.get("spoke_long_ago") == 1.0 and "spoke_1" not in hilda
    assert INDEX["spoke_long_ago"] < len(FEATURES)


def test_pronouns_in_the_quote_are_told_apart_by_person():
    rows = table(
        'Hilda Brandt and Olaf Sund waited at the station.\n\n'
        '"The train is late, Olaf," Hilda said.\n\n'
        '"You said that an hour ago, and I believed you."\n'
    )
    last = rows[-1]
    marked = {name: {f for f in feats if f.startswith("in_quote_")} for name, feats in last.items()}
    assert all(len(f) <= 2 for f in marked.values())
    assert any("in_quote_second" in f for f in marked.values())
    assert not any("in_quote_name" in f for f in marked.values())
