"""Stage `tags`: archive tag suggestions (AO3 and FanFiction.net vocabulary), each with its evidence.

Everything is read off what the earlier stages found (characters, mentions, quotes, scenes,
emotions) and the content lexicons in resources/lexicons/content.toml; nothing comes from the
work's own declared tags, which the report shows beside these. The pieces live in `ficmeld.tagging`.
"""
from __future__ import annotations

from ficmeld.model.document import Tags
from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.tagging.common import LexiconHits
from ficmeld.tagging.content import AGE_UNDER_18, rating, underage_sex, warnings
from ficmeld.tagging.deaths import character_deaths
from ficmeld.tagging.freeform import fandom_tags, ffnet_genres, ffnet_rating, freeform
from ficmeld.tagging.relationships import category, character_tags, relationships

__all__ = ["suggest_tags", "AGE_UNDER_18", "underage_sex"]


@stage("tags", requires=("characters", "quotes", "coref", "speakers", "pov", "roles", "emotions"), assigns=("tags",))
def suggest_tags(work: Work) -> None:
    hits = LexiconHits(work)
    deaths = character_deaths(work)
    tags = Tags()
    tags.fandoms = fandom_tags(work)
    tags.rating = rating(hits, deaths)
    tags.warnings = warnings(work, hits, deaths)
    tags.relationships = relationships(work)
    tags.category = category(work, tags.relationships)
    tags.characters = character_tags(work)
    tags.freeform = freeform(work, hits, deaths, tags.relationships)
    tags.ffnet_rating = ffnet_rating(tags.rating)
    tags.ffnet_genres = ffnet_genres(tags)
    work.tags = tags
