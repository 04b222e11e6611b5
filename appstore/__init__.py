"""The app's own store: actions between meetings and the audit log, in a small SQLite file
apart from the analytics database, which stays read-only to the app (docs/app-store.md)."""
