"""What the LitBank training scripts share: the command line, the fold loop and the stacked rows.

Run from the repository root (`python training/train_coref.py ../shared/data`), so this folder is on the
import path."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from ficmeld.evaluate.litbank import LitBankDoc, load_document, read_folds
from ficmeld.learned import evaluation_fold


def run(argv: list[str], script: str, featurise: Callable[[Path], dict], train: Callable[[Path, dict], None]) -> None:
    """`script DATA_FOLDER`: featurise every document, then train."""
    if len(argv) != 2:
        raise SystemExit(f"usage: {script} DATA_FOLDER (the folder that holds litbank/)")
    folder = Path(argv[1]) / "litbank"
    train(folder, featurise(folder))


def documents_by_fold(folder: Path) -> Iterator[tuple[str, LitBankDoc]]:
    """Every LitBank document, yielded inside the evaluation fold that tests it, so no model it meets saw it."""
    for fold, ids in enumerate(read_folds(folder)):
        for name in ids:
            doc = load_document(folder, name)
            with evaluation_fold(fold):
                yield name, doc


def stack(groups: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """The candidate rows and 0/1 labels of many groups as one training matrix."""
    return np.concatenate([g[0] for g in groups]), np.concatenate([g[1] for g in groups])
