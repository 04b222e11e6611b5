"""Ingestion: files in, validated, into one DuckDB file."""

__version__ = "0.1.0"
