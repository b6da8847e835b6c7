"""Documents in: find files, hash them, read text per page, OCR the pages that need it."""
