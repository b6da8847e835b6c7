-- Counts as their own rows: a count the document names without a statute (a verdict form, a
-- transcript, a docket's superseded counts) is still a count of the case.

CREATE TABLE counts (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    label TEXT NOT NULL,
    description TEXT,
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    extractor TEXT, version TEXT, confidence REAL
);

CREATE INDEX idx_counts_sha ON counts(sha256);
