-- For the defendant-level dataset and full-text search: the defendants a count names, and each page's text.
-- (The per-person tables are derived from the field registry by casedata/schema.py.)

ALTER TABLE counts ADD COLUMN defendants TEXT NOT NULL DEFAULT '[]';  -- JSON: names as the count writes them
ALTER TABLE pages ADD COLUMN text TEXT;  -- the page's original text (offsets of evidence point into it)
