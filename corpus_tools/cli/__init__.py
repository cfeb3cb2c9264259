"""The ``corpus-tools`` command line.

Each subcommand lives in its own module of this package and provides
``add_parser(subparsers)`` and ``run(args) -> int``. Errors in the input end
the program with a one-line message on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..corpus import CorpusError

SUBCOMMANDS = ("load", "readability", "grammar", "terms", "rewrites", "report")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="corpus-tools",
        description="Analyse a corpus of news articles: readability, grammar and spelling, "
                    "terms, and machine-rewritten variants.")
    parser.add_argument("--version", action="version", version=f"corpus-tools {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``corpus-tools`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # e.g. `corpus-tools load data | head`
        return 0
    except (CorpusError, FileNotFoundError, FileExistsError, NotADirectoryError,
            IsADirectoryError, PermissionError, KeyError, ValueError, ConnectionError,
            TimeoutError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"corpus-tools {args.command}: error: {message}", file=sys.stderr)
        return 2
    finally:
        session = getattr(args, "dask_session", None)  # --workers / --scheduler
        if session is not None:
            session.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
