-- expediente case dataset, schema 1.
-- Machine rows (pages, defendants, charges, mentions) are replaced whole when a document is re-processed.
-- Corrections are never touched by processing; the *_effective views apply them.

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pipeline_version TEXT NOT NULL,
    command TEXT,
    n_done INTEGER DEFAULT 0,
    n_skipped INTEGER DEFAULT 0,
    n_failed INTEGER DEFAULT 0
);

CREATE TABLE documents (
    sha256 TEXT PRIMARY KEY,
    file TEXT NOT NULL,             -- the input's file name (first seen)
    path TEXT NOT NULL,             -- the path it was last processed from
    kind TEXT,                      -- pdf, image, text, html
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error_reason TEXT,              -- short code: corrupt, encrypted, empty, mislabelled, oversized, ...
    error TEXT,                     -- the message a user can act on
    warnings TEXT NOT NULL DEFAULT '[]',  -- JSON list (low OCR confidence pages, encoding fallbacks)
    pipeline_version TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    processed_at TEXT NOT NULL,
    seconds REAL,
    n_pages INTEGER,
    doc_type TEXT,
    court_id TEXT,
    court TEXT,
    case_number TEXT,
    custody TEXT,
    plea TEXT,
    sentence_months INTEGER,
    sentence TEXT,                  -- "life", "time served" or months as text
    public_official INTEGER
);

CREATE TABLE document_files (
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (sha256, path)
);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    sha256 TEXT,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE pages (
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    number INTEGER NOT NULL,
    method TEXT NOT NULL,
    ocr_confidence REAL,
    char_count INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (sha256, number)
);

CREATE TABLE defendants (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    extractor TEXT, version TEXT, confidence REAL
);

CREATE TABLE charges (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    count_label TEXT,               -- NULL for a charged statute found outside any count
    count_description TEXT,
    statute TEXT NOT NULL,          -- normalised citation
    title TEXT,
    section TEXT,
    category TEXT,
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    extractor TEXT, version TEXT, confidence REAL
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    kind TEXT NOT NULL,             -- victim, violence, benefit, custody, official, drug, plea, sentence, ...
    label TEXT NOT NULL,
    chosen INTEGER NOT NULL DEFAULT 0,  -- 1 where this mention is the evidence of the document-level value
    attrs TEXT NOT NULL DEFAULT '{}',
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    extractor TEXT, version TEXT, confidence REAL
);

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    target TEXT NOT NULL CHECK (target IN ('document', 'defendant', 'charge', 'mention')),
    field TEXT NOT NULL,            -- document column, or the mention kind / 'statute' / 'name'
    item_key TEXT NOT NULL DEFAULT '',  -- stable key of the corrected item (see casedata/corrections.py)
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'set', 'add')),
    value TEXT,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE cases (
    case_key TEXT PRIMARY KEY,      -- court_id|case_number, or sha256 where either is unknown
    court_id TEXT,
    case_number TEXT,
    n_documents INTEGER NOT NULL,
    documents TEXT NOT NULL,        -- JSON list of sha256
    defendants TEXT NOT NULL,       -- JSON list
    doc_types TEXT NOT NULL,
    custody TEXT,
    plea TEXT,
    sentence_months INTEGER,
    public_official INTEGER,
    statutes TEXT NOT NULL,
    categories TEXT NOT NULL,
    benefits TEXT NOT NULL,
    violence_charged INTEGER NOT NULL,
    victims INTEGER NOT NULL
);

CREATE INDEX idx_defendants_sha ON defendants(sha256);
CREATE INDEX idx_charges_sha ON charges(sha256);
CREATE INDEX idx_mentions_sha ON mentions(sha256, kind);
CREATE INDEX idx_corrections_sha ON corrections(sha256, target, field);
CREATE INDEX idx_documents_case ON documents(court_id, case_number);
