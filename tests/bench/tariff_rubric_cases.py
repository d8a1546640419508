"""The tariff unit tests' plain status cases, read in process, to check a learned status
decision against the rubric without wiring it into the app (tests/bench/train_tariff_status.py
``--rubric``).

The tariff tests (tests/unit/test_tariffs*.py) state statuses for sentences of their own in
``pytest.mark.parametrize`` tables. The tables read here are those whose arguments are
("text", "expected") with rows that name a status, ("text", "status") (every row of the text
has it) and ("text", "key", "status"); the rest (rows without a status, helpers' inputs) are
left out. Each case is the text, the date its module reads it with (its ``PUBLISHED``, else
the rubric's 20 July 2025) and the (country or ISO code, rate, status) it states.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tests.bench.score_tariffs import STATUSES

__all__ = ["Case", "Expected", "expected_of", "status_cases"]

UNIT = Path(__file__).resolve().parents[1] / "unit"
DEFAULT_PUBLISHED = date(2025, 7, 20)

# (country name or ISO code, or None: every row; rate, or None: every rate; status)
Expected = tuple[str | None, float | None, str]


@dataclass(frozen=True)
class Case:
    module: str
    text: str
    published: date
    expected: tuple[Expected, ...]


def expected_of(argnames: tuple[str, ...], values: tuple[Any, ...]) -> tuple[Expected, ...]:
    """The statuses one parametrized case states (empty: it states none this reads)."""
    args = dict(zip(argnames, values, strict=False))
    if "text" not in args or not isinstance(args["text"], str):
        return ()
    if set(argnames) == {"text", "status"} and args["status"] in STATUSES:
        return ((None, None, args["status"]),)
    if set(argnames) == {"text", "key", "status"} and args["status"] in STATUSES:
        where, rate = args["key"]
        return ((str(where), float(rate), args["status"]),)
    if set(argnames) != {"text", "expected"} or not isinstance(args["expected"], list | tuple):
        return ()
    out: list[Expected] = []
    for row in args["expected"]:
        if not isinstance(row, tuple):
            return ()
        status = next((v for v in row if isinstance(v, str) and v in STATUSES), None)
        where = next((v for v in row if isinstance(v, str) and v not in STATUSES), None)
        rate = next((v for v in row if _number(v)), None)
        if status is None or where is None or rate is None:
            return ()
        out.append((where, float(rate), status))
    return tuple(out)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def status_cases(pattern: str = "test_tariffs*.py") -> Iterator[Case]:
    """Every case of the matching unit test modules that states a status, in file order."""
    for path in sorted(UNIT.glob(pattern)):
        module = importlib.import_module(f"tests.unit.{path.stem}")
        published = getattr(module, "PUBLISHED", DEFAULT_PUBLISHED)
        for name in sorted(vars(module)):
            test = getattr(module, name)
            if not name.startswith("test_") or not callable(test):
                continue
            for mark in getattr(test, "pytestmark", []):
                if mark.name != "parametrize":
                    continue
                argnames, values = mark.args[0], mark.args[1]
                if isinstance(argnames, str):
                    argnames = argnames.split(",")
                names = tuple(n.strip() for n in argnames)
                for value in values:
                    value = getattr(value, "values", value)
                    if not isinstance(value, tuple):
                        value = (value,)
                    expected = expected_of(names, value)
                    if expected:
                        yield Case(path.stem, value[names.index("text")], published, expected)
