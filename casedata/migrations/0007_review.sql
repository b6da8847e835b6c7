-- The review workbench (`expediente review`): accounts, sessions, and decisions that carry what they replaced.
-- A correction keeps the effective value it replaced (`previous`), may be undone by its annotator (`undone_at`:
-- an undone decision counts for nothing, but its row stays), and an item added by selecting text on a page
-- keeps that selection as its evidence (page, start, end, text: offsets into the page's original text).

ALTER TABLE corrections ADD COLUMN previous TEXT;
ALTER TABLE corrections ADD COLUMN undone_at TEXT;
ALTER TABLE corrections ADD COLUMN page INTEGER;
ALTER TABLE corrections ADD COLUMN start INTEGER;
ALTER TABLE corrections ADD COLUMN "end" INTEGER;
ALTER TABLE corrections ADD COLUMN text TEXT;
CREATE INDEX idx_corrections_author ON corrections(author, id);

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,    -- scrypt, as casedata/accounts.py writes it
    role TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer')),
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,    -- SHA-256 of the cookie's token: the token itself is never stored
    user TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
