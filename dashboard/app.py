"""Entry point: `streamlit run dashboard/app.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.access import access_mode_or_stop

PAGES_DIR = Path(__file__).parent / "views"

st.set_page_config(
    page_title="Safeguarding information sharing: compliance",
    # An emoji favicon is drawn in the browser; a :material/...: one is fetched from
    # fonts.gstatic.com, which fails offline and sends every page view to Google.
    page_icon="🛡️",
    layout="wide",
)
# Before any page: a set-up that is not safe (secrets unreadable, sign-in incomplete, local mode
# on a network address) stops here with what to fix, and no page is drawn.
access_mode_or_stop()
navigation = st.navigation(
    [
        st.Page(
            PAGES_DIR / "overview.py",
            title="Overview",
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            PAGES_DIR / "ico_steps.py",
            title="ICO ten steps",
            icon=":material/checklist:",
            url_path="ico-steps",
        ),
        st.Page(
            PAGES_DIR / "coverage.py",
            title="Policy coverage",
            icon=":material/policy:",
            url_path="coverage",
        ),
        st.Page(
            PAGES_DIR / "training.py",
            title="Training",
            icon=":material/school:",
            url_path="training",
        ),
        st.Page(
            PAGES_DIR / "sharing.py",
            title="Sharing",
            icon=":material/share:",
            url_path="sharing",
        ),
        st.Page(
            PAGES_DIR / "register.py",
            title="Agreements register",
            icon=":material/handshake:",
            url_path="register",
        ),
        st.Page(
            PAGES_DIR / "actions.py",
            title="Actions",
            icon=":material/task_alt:",
            url_path="actions",
        ),
        st.Page(
            PAGES_DIR / "export.py",
            title="Export",
            icon=":material/download:",
            url_path="export",
        ),
        st.Page(
            PAGES_DIR / "status.py",
            title="Data status",
            icon=":material/database:",
            url_path="status",
        ),
    ]
)
# Each page's sidebar starts with the organisation's name (dashboard/page.py): in a shared
# store, the one chosen.
navigation.run()
