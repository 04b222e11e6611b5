"""Cached metric calls (dashboard/data.py): plain calls, one cache entry per metric, arguments
and database snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import data
from metrics import overview, status

CALLS: list[str] = []


def first_metric(con: duckdb.DuckDBPyConnection, n: int) -> pd.DataFrame:
    """A metric that records each time it really runs."""
    CALLS.append(f"first {n}")
    return pd.DataFrame({"metric": ["first"], "n": [n]})


def second_metric(con: duckdb.DuckDBPyConnection, n: int) -> pd.DataFrame:
    """Another metric, with the same signature as the first."""
    CALLS.append(f"second {n}")
    return pd.DataFrame({"metric": ["second"], "n": [n]})


@pytest.fixture
def snapshot(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[int, int]]]]:
    """The database snapshot the cache sees; replace its one item to load a new snapshot."""
    current = [("compliance.duckdb", (1, 100))]
    monkeypatch.setattr(data, "snapshot_key", lambda: current[0])
    data._cached_call.clear()
    CALLS.clear()
    yield current
    data._cached_call.clear()


@pytest.fixture
def mem() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection the fake metrics ignore (the cache never hashes it)."""
    connection = duckdb.connect()
    yield connection
    connection.close()


def test_a_cached_metric_is_the_metric_by_name_and_object() -> None:
    assert data.team_scorecard.__wrapped__ is overview.team_scorecard
    assert data.team_scorecard.__name__ == "team_scorecard"
    assert data.cached(first_metric).__wrapped__ is first_metric


def test_two_metrics_with_the_same_arguments_do_not_share_an_entry(
    snapshot: list[tuple[str, tuple[int, int]]], mem: duckdb.DuckDBPyConnection
) -> None:
    first, second = data.cached(first_metric), data.cached(second_metric)
    assert first(mem, 1)["metric"].tolist() == ["first"]
    assert second(mem, 1)["metric"].tolist() == ["second"]
    # asked again: both answered from the cache
    assert first(mem, 1)["metric"].tolist() == ["first"]
    assert second(mem, 1)["metric"].tolist() == ["second"]
    assert CALLS == ["first 1", "second 1"]


def test_other_arguments_or_a_new_snapshot_miss_the_cache(
    snapshot: list[tuple[str, tuple[int, int]]], mem: duckdb.DuckDBPyConnection
) -> None:
    first = data.cached(first_metric)
    first(mem, 1)
    first(mem, 2)
    first(mem, n=2)  # by name: an entry of its own, not an error
    first(mem, 1)
    assert CALLS == ["first 1", "first 2", "first 2"]
    snapshot[0] = ("compliance.duckdb", (2, 100))  # an ingest swapped in a new file
    assert first(mem, 1)["n"].tolist() == [1]
    assert CALLS == ["first 1", "first 2", "first 2", "first 1"]


class OrganisationConnection:
    """A shared store's engine as the cache sees it: it serves one organisation."""

    def __init__(self, organisation: str) -> None:
        self.organisation = organisation


def test_each_organisation_of_a_shared_store_has_its_own_entries(
    snapshot: list[tuple[str, tuple[int, int]]],
) -> None:
    first = data.cached(first_metric)
    north, register = OrganisationConnection("northbridge"), OrganisationConnection("register")
    first(north, 1)
    first(register, 1)
    first(north, 1)
    # the same snapshot and arguments, two organisations: two runs, the third call cached
    assert CALLS == ["first 1", "first 1"]


@pytest.mark.slow
def test_two_organisations_give_their_own_figures_through_the_spark_engine(
    spark_store: Path, spark: object
) -> None:
    # One page function (the Data status page's rows per table), cached as the pages cache
    # theirs, over each organisation of the shared store: `register` has the 4 agreements of
    # tests/fixture_agreements.py, `northbridge` none; both have the fixture's 22 decisions.
    from metrics.spark import spark_engine

    table_rows = data.cached(status.table_rows)
    data._cached_call.clear()
    shown = {
        organisation: table_rows(spark_engine("local[2]", str(spark_store), organisation))
        .set_index("table_name")["row_count"]
        .to_dict()
        for organisation in ("register", "northbridge")
    }
    data._cached_call.clear()
    assert (shown["register"]["agreements"], shown["northbridge"]["agreements"]) == (4, 0)
    assert (shown["register"]["decisions"], shown["northbridge"]["decisions"]) == (22, 22)
