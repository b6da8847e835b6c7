"""Registered spaCy components. Importing this package registers every factory."""
