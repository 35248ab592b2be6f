"""Holiday dates (and the known country codes) kept between runs as plain JSON, so a run need
not import the holidays package.

``holidays`` imports all of its 250 country modules as soon as one country is asked for
(about a third of a CPU second, most of a one-year run's start-up). The dates it gives for
a country and year never change for one version of the package, so they are stored once
per (package version, country, year, options) in the user's cache folder and read back:
a JSON list of ISO dates, pure data that is parsed, checked and never executed. A missing,
unreadable or malformed file is computed again (and rewritten); a folder that cannot be
written is simply not used.

The folder: ``$PERMITFLOW_CACHE/holidays`` if that variable is set (``none`` turns the store
off), else ``$XDG_CACHE_HOME/permitflow/holidays`` (default ``~/.cache``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from processes.cachestore import cache_folder, write_quietly

__all__ = ["store_folder", "stored_dates", "stored_countries", "holiday_dates", "package_holiday_dates",
           "package_version"]


def store_folder() -> Path | None:
    """Where holiday dates are kept, or ``None`` when the store is off."""
    return cache_folder("holidays")


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed holidays release, from its dist-info folder's name ("" when not found; looked
    up once per process: the folder listing is of the whole site-packages).

    Not ``importlib.metadata.version``: that parses the package's metadata as e-mail,
    costing about as much as the store saves.
    """
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return ""
    site = Path(spec.origin).parent.parent
    releases = [p.name[len("holidays-"):-len(".dist-info")] for p in site.glob("holidays-*.dist-info")]
    return releases[0] if len(releases) == 1 else ""


def _read(path: Path, key: dict[str, object]) -> list[str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    items = data.get("items")
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return None
    return items


def _write(path: Path, key: dict[str, object], items: list[str]) -> None:
    write_quietly(path, json.dumps({"key": key, "items": items}))


def _stored(name: str, key: dict[str, object], compute: Callable[[], list[str]]) -> list[str]:
    """``compute()`` (sorted strings), or the list an earlier run of the same holidays version stored."""
    folder = store_folder()
    release = package_version() if folder is not None else ""
    if folder is None or not release:
        return compute()
    key = {"holidays": release, **key}
    safe = "".join(c if c.isalnum() else "_" for c in f"{release}-{name}")
    path = folder / f"{safe}.json"
    found = _read(path, key)
    if found is not None:
        return found
    items = compute()
    _write(path, key, items)
    return items


def stored_dates(country: str, year: int, options: str,
                 compute: Callable[[], frozenset[dt.date]]) -> frozenset[dt.date]:
    """``compute()`` (the dates of ``country`` in ``year`` with ``options``), read from the store
    when an earlier run of the same holidays version put them there."""
    items = _stored(f"{country}-{year}-{options}", {"country": country, "year": year, "options": options},
                    lambda: sorted(d.isoformat() for d in compute()))
    try:
        return frozenset(dt.date.fromisoformat(d) for d in items)
    except ValueError:  # a hand-edited store: believe the package
        return compute()


def stored_countries(compute: Callable[[], frozenset[str]]) -> frozenset[str]:
    """``compute()`` (the country codes the holidays package knows), from the store when it has them."""
    return frozenset(_stored("countries", {"what": "country codes"}, lambda: sorted(compute())))


_PLAIN_SUNDAY = ("Sunday", "Söndag", "söndag")
_HOLIDAY_OPTIONS = "public+de_facto,no-plain-sundays"  # names how package_holiday_dates asks (store key)


@lru_cache(maxsize=512)
def holiday_dates(country: str, year: int) -> frozenset[dt.date]:
    """Closed days of ``country`` in ``year``: public holidays plus de-facto ones (eves).

    Memoised in the process (every replication and calendar asks for the same years)
    and kept between runs in the store above.

    >>> sorted(d for d in holiday_dates("SE", 2025) if d.month == 6)
    [datetime.date(2025, 6, 6), datetime.date(2025, 6, 8), datetime.date(2025, 6, 20), datetime.date(2025, 6, 21)]
    """
    return stored_dates(country, year, _HOLIDAY_OPTIONS, lambda: package_holiday_dates(country, year))


def package_holiday_dates(country: str, year: int) -> frozenset[dt.date]:
    import holidays as holidays_pkg  # here, not at import: it loads every country it knows

    probe = holidays_pkg.country_holidays(country)
    categories = tuple(
        c for c in ("public", "de_facto") if c in getattr(probe, "supported_categories", ("public",))
    )
    options: dict[str, Any] = {"include_sundays": False} if country == "SE" else {}
    days = holidays_pkg.country_holidays(country, years=year, categories=categories, **options)
    # belt and braces for versions that ignore include_sundays: drop entries that are only "Sunday"
    return frozenset(
        day
        for day, name in days.items()
        if any(part.strip() not in _PLAIN_SUNDAY for part in name.split(";"))
    )
