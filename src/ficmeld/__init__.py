"""ficmeld: read fan fiction the way its readers do, and write down what it read."""
from __future__ import annotations

__version__ = "0.1.0"

from ficmeld.errors import FicmeldError, FormatError, InputError, ModelError, PipelineError  # noqa: E402


def __getattr__(name: str):
    # Keep `import ficmeld` (and `ficmeld --help`) fast: the pipeline pulls in spaCy lazily.
    if name in ("analyze", "analyze_bytes", "run_stages"):
        from ficmeld import pipeline
        return getattr(pipeline, name)
    if name in ("read_work",):
        from ficmeld.ingest import read_work
        return read_work
    raise AttributeError(name)


__all__ = ["FicmeldError", "FormatError", "InputError", "ModelError", "PipelineError", "__version__",
           "analyze", "analyze_bytes", "read_work", "run_stages"]
