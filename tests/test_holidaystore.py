"""Holiday dates stored between runs as JSON: read back, checked, recomputed when unusable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from processes import holidaystore
from processes.holidaystore import store_folder, stored_countries, stored_dates

DAYS = frozenset({dt.date(2025, 1, 1), dt.date(2025, 12, 25)})


def boom() -> frozenset[dt.date]:
    raise AssertionError("computed although stored")


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    monkeypatch.setattr(holidaystore, "package_version", lambda: "9.9")
    return tmp_path / "holidays"


def test_dates_are_computed_once_then_read(store: Path) -> None:
    assert stored_dates("SE", 2025, "opts", lambda: DAYS) == DAYS
    (written,) = store.iterdir()
    assert written.name == "9_9_SE_2025_opts.json"
    assert stored_dates("SE", 2025, "opts", boom) == DAYS
    assert stored_countries(lambda: frozenset({"SE", "SWE"})) == {"SE", "SWE"}
    assert stored_countries(lambda: frozenset()) == {"SE", "SWE"}


@pytest.mark.parametrize("text", ["{not json", '{"key": {}, "items": []}', "[1, 2]",
                                  '{"key": {"holidays": "9.9", "country": "SE", "year": 2025, "options": "opts"},'
                                  ' "items": ["2025-13-01"]}'])
def test_an_unusable_file_is_computed_again(store: Path, text: str) -> None:
    store.mkdir(parents=True)
    (store / "9_9_SE_2025_opts.json").write_text(text, encoding="utf-8")
    assert stored_dates("SE", 2025, "opts", lambda: DAYS) == DAYS


def test_another_release_does_not_read_the_old_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored_dates("SE", 2025, "opts", lambda: DAYS)
    monkeypatch.setattr(holidaystore, "package_version", lambda: "10.0")
    assert stored_dates("SE", 2025, "opts", lambda: frozenset()) == frozenset()


def test_none_turns_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERMITFLOW_CACHE", "none")
    assert store_folder() is None
    assert stored_dates("SE", 2025, "opts", lambda: DAYS) == DAYS
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_costs_speed_not_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path / "file"))  # a file where the folder should be
    assert stored_dates("SE", 2025, "opts", lambda: DAYS) == DAYS


def test_the_package_agrees_with_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.resources import holiday_dates, package_holiday_dates

    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    holiday_dates.cache_clear()
    first = holiday_dates("SE", 2031)
    holiday_dates.cache_clear()
    assert holiday_dates("SE", 2031) == first == package_holiday_dates("SE", 2031)
    holiday_dates.cache_clear()
