import json

from ficmeld.model import analysis_schema
from tests.schema_check import SCHEMA_PATH


def test_committed_schema_is_generated_from_the_types():
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == analysis_schema(), "docs/schema.json is stale: run `make schema`"


def test_schema_names_every_top_level_key_of_the_contract():
    schema = analysis_schema()
    top = schema["$defs"]["Analysis"]["properties"]
    for key in ("schema_version", "source", "metadata", "text", "parts", "chapters", "scenes", "characters",
                "mentions", "quotes", "emotions", "arcs", "tags", "stats", "timings"):
        assert key in top
    assert schema["$defs"]["HeadHop"]["properties"].keys() >= {"start", "end", "from", "to"}
