"""JSON encoding and the JSON Schema of the analysis document, both from the structs themselves."""
from __future__ import annotations

import msgspec

from ficmeld.model.document import Analysis

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Analysis)


def encode_analysis(analysis: Analysis, *, indent: int = 0) -> bytes:
    raw = _encoder.encode(analysis)
    return msgspec.json.format(raw, indent=indent) if indent else raw


def decode_analysis(data: bytes | str) -> Analysis:
    return _decoder.decode(data)


def analysis_schema() -> dict:
    schema = msgspec.json.schema(Analysis)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ficmeld analysis document"
    return schema
