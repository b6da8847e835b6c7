"""Trained classifiers: training examples (datasets), grouped cross-validation and fitting (training,
doctype, violence), skops artifacts and model cards (cards). The spaCy components that apply the saved
artifacts live in extractors/artifacts.py and read them by path, never importing this package."""
