"""Monthly trends of stock measures: a by-team query taken as of each month end, summed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb
import pandas as pd

from metrics.filters import Filters, trend_month_ends
from metrics.query import filter_params, run


def stock_trend(
    con: duckdb.DuckDBPyConnection,
    query: str,
    f: Filters,
    counts: tuple[str, ...],
    extra_params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The counts of a by-team query, summed over the teams in scope, as of each of the 12
    month ends up to f.as_of; a month the query has no rows for counts 0."""
    dates = trend_month_ends(f.as_of)
    by_team = run(con, query, filter_params(f, dates) | dict(extra_params or {}))
    totals = by_team.groupby("as_of", as_index=False)[list(counts)].sum()
    # Every month gets a row, so a chart's x axis never skips a month.
    return (
        pd.DataFrame({"as_of": dates})
        .merge(totals, on="as_of", how="left")
        .fillna(0)
        .astype(dict.fromkeys(counts, "int64"))
    )
