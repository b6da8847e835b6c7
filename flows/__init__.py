"""Prefect flows and the command line: orchestration only, no extraction logic."""
