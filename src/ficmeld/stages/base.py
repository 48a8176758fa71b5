"""A stage is a plain function over a `Work` that declares what it reads and what it writes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ficmeld.model.work import Work

REGISTRY: dict[str, "Stage"] = {}


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[Work], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None:
        self.func(work)


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register `func` as the stage `name`.

    `requires` names the stages (or the built-ins `structure` and `parse`) that must have run;
    `assigns` names the `Work` attributes the stage writes, for readers of the code and the docs.
    """

    def register(func: Callable[[Work], None]) -> Stage:
        s = Stage(name=name, func=func, requires=tuple(requires), assigns=tuple(assigns))
        REGISTRY[name] = s
        return s

    return register
