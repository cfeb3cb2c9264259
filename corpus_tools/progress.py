"""How far along is long work? A progress bar on stderr, only for people.

Analyses take ``progress: bool = False``; the command line passes ``True``
when stderr is a terminal, so pipes and logs never get bar noise.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(iterable: Iterable[T], *, enabled: bool, total: int | None = None,
             desc: str | None = None) -> Iterator[T]:
    """Wrap ``iterable`` in a tqdm bar on stderr when ``enabled``.

    Parameters
    ----------
    iterable : iterable
        The work items.
    enabled : bool
        Show the bar. Pass ``sys.stderr.isatty()`` for "only when a person
        is watching".
    total : int, optional
        Number of items, when ``iterable`` has no ``len``.
    desc : str, optional
        Label shown before the bar.
    """
    if not enabled:
        yield from iterable
        return
    from tqdm.auto import tqdm

    yield from tqdm(iterable, total=total, desc=desc, file=sys.stderr, leave=False)


def stderr_is_terminal() -> bool:
    """True when stderr is an interactive terminal."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
