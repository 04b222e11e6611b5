"""Ingestion: files in, validated, into one DuckDB file."""
