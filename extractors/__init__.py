"""The spaCy pipeline: one registered component per legal concept, patterns kept as data files."""
