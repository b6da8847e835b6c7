"""Registered spaCy components, one module per legal concept (extractors.pipeline imports them all)."""
