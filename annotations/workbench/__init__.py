"""The review workbench (``expediente review``): a local web app for annotators."""
