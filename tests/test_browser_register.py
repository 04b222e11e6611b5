"""The Agreements register page in Debian's Chromium against `streamlit run` on the fixture
organisation with a register (tests/fixture_agreements.py): what a person sees, with the
past-review flag in words and a symbol, and the table's CSV as downloaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser import (
    browser,  # noqa: F401
    free_port,
    open_page,
    screenshot,
    start_streamlit,
    stop_streamlit,
)
from tests.fixture_agreements import build_agreements_db
from tests.test_browser import MAIN_QUERY, TILES_JS, download, error_boxes, unexpected

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def register_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run` against the fixture organisation with its agreements register."""
    folder = tmp_path_factory.mktemp("browser_register")
    db = folder / "compliance.duckdb"
    build_agreements_db(db)
    port = free_port()
    proc = start_streamlit(
        db,
        port,
        folder / "streamlit.log",
        env={"COMPLIANCE_SETTINGS": str(folder / "no-settings.toml")},
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_streamlit(proc)


def test_register_page(register_server: str, browser: Browser) -> None:  # noqa: F811
    errors: list[str] = []
    requests: list[str] = []
    base = register_server
    page = open_page(browser, f"{base}/register{MAIN_QUERY}", errors, requests)
    assert error_boxes(page) == []
    assert unexpected(errors, base, "register") == []
    assert [u for u in requests if not u.startswith((f"{base}/", "data:", "blob:"))] == []
    assert page.locator("h1").first.inner_text() == "Agreements register"
    # tests/test_pages_register.py: 2 in force at X, MASH-01 91 days past review, 4 of the 9
    # routine shares in P made under an agreement in force on the day
    assert page.evaluate(TILES_JS) == [
        ["Agreements in force", "2"],
        ["Past their review date", "1", "■ Past review"],
        ["Routine shares covered", "4 of 9"],
    ]
    legend = page.get_by_text("in force on 30 Jun 2026 but past its review date")
    assert legend.inner_text().startswith("■ Past review: in force on 30 Jun 2026 but past")
    assert download(page, "Download agreements past review (CSV)") == (
        "agreements_past_review.csv",
        (
            "\ufeffReference,Title,Review due,Review,Routine shares in the period\n"
            "DSA-MASH-01,MASH information sharing,2026-03-31,■ Past review · 91 days overdue,4\n"
        ).encode(),
    )
    name, body = download(page, "Download agreements register (CSV)")
    assert name == "agreements_register.csv"
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Reference,Title,Status,Review due,Review,Signed on,Ended on,DPIA,DPIA date,"
        "Routine shares,Made when not in force,Made past review,Partners,Partner types,Scope"
    )
    assert lines[2] == (
        "DSA-MASH-01,MASH information sharing,active,2026-03-31,■ Past review · 91 days "
        'overdue,2024-04-01,,DPIA-01,2025-08-01,4,0,1,"Northbridge Police, Northbridge NHS '
        'Trust","police, health",Referrals and strategy discussions at the front door'
    )
    assert len(lines) == 5  # header and the four agreements
    screenshot(page, "register")
    page.close()
