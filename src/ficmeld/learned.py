"""Models learned from annotated data, shipped as `.npz` files in `ficmeld/resources/learned/`.

A model named `speakers` is the file `speakers.npz`, trained on all the data its training script
uses. For cross-validated evaluation a script may also ship `speakers-fold3.npz`, fitted on fold 3's
training documents only; inside `with evaluation_fold(3):` every `load("speakers")` returns that
file instead, so a test fold is never scored by a model that saw it.
"""
from __future__ import annotations

import contextvars
import io
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Iterator

import numpy as np

from ficmeld.errors import FicmeldError

_fold: contextvars.ContextVar[int | None] = contextvars.ContextVar("ficmeld_evaluation_fold", default=None)


def _folder():
    return resources.files("ficmeld.resources").joinpath("learned")


def file_name(name: str, fold: int | None = None) -> str:
    return f"{name}.npz" if fold is None else f"{name}-fold{fold}.npz"


@lru_cache(maxsize=64)
def _load_file(file: str) -> dict[str, np.ndarray] | None:
    entry = _folder().joinpath(file)
    if not entry.is_file():
        return None
    with np.load(io.BytesIO(entry.read_bytes()), allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def load(name: str, *, required: bool = True) -> dict[str, np.ndarray] | None:
    """The arrays of model `name`: the current evaluation fold's file when there is one."""
    fold = _fold.get()
    if fold is not None:
        arrays = _load_file(file_name(name, fold))
        if arrays is None:
            raise FicmeldError(f"learned model {name!r} has no file for evaluation fold {fold}",
                               fix=f"run its training script so that it writes {file_name(name, fold)}")
        return arrays
    arrays = _load_file(file_name(name))
    if arrays is None and required:
        raise FicmeldError(f"learned model {file_name(name)} is missing from the package",
                           fix="reinstall ficmeld, or run the model's training script under training/")
    return arrays


@contextmanager
def evaluation_fold(fold: int | None) -> Iterator[None]:
    """Within this block, learned models load the files fitted without fold `fold`'s test documents."""
    token = _fold.set(fold)
    try:
        yield
    finally:
        _fold.reset(token)


def save(path, **arrays: np.ndarray) -> None:
    """Write a model file (used by training scripts)."""
    np.savez_compressed(path, **arrays)


def save_linear(path, model, features) -> None:
    """Write a fitted linear model (anything with `coef_` and `intercept_`) with the feature names it was
    fitted on, which the stage that loads it checks against its own."""
    save(path, coef=np.asarray(model.coef_, dtype=np.float32), intercept=np.asarray(model.intercept_, dtype=np.float32),
         features=np.array(features))
