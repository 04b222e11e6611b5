"""Governance exports: the summaries as CSV, one XLSX workbook and a PDF board pack.

`exports.build.build_export` is the one function behind the dashboard's Export page and the
command `python -m pipelines export`, so both give the same files.
"""
