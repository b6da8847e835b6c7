-- Full-text search (SQLite FTS5) over each page's text and over extracted mentions, for `expediente browse`.
-- pages gets a stable integer key (a table without one may have its rowids renumbered by VACUUM, which would
-- leave an external-content index pointing at the wrong rows); both indexes follow their table by triggers.
-- Diacritics are folded, so "Guzman" finds "Guzmán".

CREATE TABLE pages_new (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    number INTEGER NOT NULL,
    method TEXT NOT NULL,
    ocr_confidence REAL,
    char_count INTEGER NOT NULL,
    error TEXT,
    text TEXT,  -- the page's original text (offsets of evidence point into it)
    UNIQUE (sha256, number)
);
INSERT INTO pages_new (sha256, number, method, ocr_confidence, char_count, error, text)
SELECT sha256, number, method, ocr_confidence, char_count, error, text FROM pages ORDER BY sha256, number;
DROP TABLE pages;
ALTER TABLE pages_new RENAME TO pages;

CREATE VIRTUAL TABLE pages_fts USING fts5(
    text, content='pages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
    INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
    INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER pages_fts_update AFTER UPDATE ON pages BEGIN
    INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE mentions_fts USING fts5(
    field, value, text, content='mentions', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO mentions_fts (rowid, field, value, text) VALUES (new.id, new.field, new.value, new.text);
END;
CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, field, value, text)
    VALUES ('delete', old.id, old.field, old.value, old.text);
END;
CREATE TRIGGER mentions_fts_update AFTER UPDATE ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, field, value, text)
    VALUES ('delete', old.id, old.field, old.value, old.text);
    INSERT INTO mentions_fts (rowid, field, value, text) VALUES (new.id, new.field, new.value, new.text);
END;
INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild');
