-- Fields as declared in the registry (extractors/data/fields.json), one name each, stored generically.
-- A single field's document value is its `chosen` row in `mentions` (value NULL where nothing was found),
-- so adding a field needs no schema change. The views applying corrections and the `cases` table are
-- derived from the registry by casedata/schema.py after the migrations (they are dropped here).
-- The names below are the field names of the registry at the time of this migration.

DROP VIEW IF EXISTS documents_effective;
DROP VIEW IF EXISTS mentions_effective;
DROP VIEW IF EXISTS charges_effective;
DROP VIEW IF EXISTS defendants_effective;
DROP TABLE IF EXISTS cases;

-- mentions: kind -> field (a registry field name), label -> value (NULL allowed for a chosen row)
CREATE TABLE mentions_new (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    field TEXT NOT NULL,            -- a registry field name
    value TEXT,                     -- NULL only on a single field's chosen row where nothing was found
    chosen INTEGER NOT NULL DEFAULT 0,  -- 1: this row is the document's value of a single field
    attrs TEXT NOT NULL DEFAULT '{}',
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    extractor TEXT, version TEXT, confidence REAL
);
INSERT INTO mentions_new (id, sha256, field, value, chosen, attrs, page, start, "end", text, extractor, version,
                          confidence)
SELECT id, sha256,
       CASE kind WHEN 'court' THEN 'court_id' WHEN 'sentence' THEN 'sentence_months' WHEN 'drug' THEN 'drugs'
                 WHEN 'violence' THEN 'violent_crime_mentions' WHEN 'victim' THEN 'victims'
                 WHEN 'benefit' THEN 'benefits' ELSE kind END,
       label, chosen, attrs, page, start, "end", text, extractor, version, confidence
FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_new RENAME TO mentions;

-- document values that had no evidence row (defaults, or nothing found) become chosen rows
INSERT INTO mentions (sha256, field, value, chosen)
SELECT d.sha256, f.field,
       CASE f.field WHEN 'doc_type' THEN d.doc_type WHEN 'court_id' THEN d.court_id
                    WHEN 'case_number' THEN d.case_number WHEN 'custody' THEN d.custody WHEN 'plea' THEN d.plea
                    WHEN 'sentence_months' THEN d.sentence
                    WHEN 'public_official' THEN CASE d.public_official WHEN 1 THEN 'true' WHEN 0 THEN 'false' END
       END,
       1
FROM documents d
CROSS JOIN (SELECT 'doc_type' AS field UNION ALL SELECT 'court_id' UNION ALL SELECT 'case_number'
            UNION ALL SELECT 'custody' UNION ALL SELECT 'plea' UNION ALL SELECT 'sentence_months'
            UNION ALL SELECT 'public_official') f
WHERE d.status = 'done'
  AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.sha256 = d.sha256 AND m.field = f.field AND m.chosen = 1);

-- documents keep what belongs to the file; field values live in mentions; case_key is maintained on write
DROP INDEX IF EXISTS idx_documents_case;
ALTER TABLE documents DROP COLUMN doc_type;
ALTER TABLE documents DROP COLUMN court_id;
ALTER TABLE documents DROP COLUMN court;
ALTER TABLE documents DROP COLUMN case_number;
ALTER TABLE documents DROP COLUMN custody;
ALTER TABLE documents DROP COLUMN plea;
ALTER TABLE documents DROP COLUMN sentence_months;
ALTER TABLE documents DROP COLUMN sentence;
ALTER TABLE documents DROP COLUMN public_official;
ALTER TABLE documents ADD COLUMN case_key TEXT;  -- court|case number of the effective values (casedata/cases.py)

-- corrections: one field name instead of target + field
CREATE TABLE corrections_new (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    field TEXT NOT NULL,            -- a registry field name
    item_key TEXT NOT NULL DEFAULT '',  -- '' for a single field; else the item's key (casedata/keys.py)
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'set', 'add')),
    value TEXT,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO corrections_new (id, sha256, field, item_key, action, value, author, note, created_at)
SELECT id, sha256,
       CASE
           WHEN target = 'document' AND field = 'sentence' THEN 'sentence_months'
           WHEN target = 'document' THEN field
           WHEN target = 'charge' THEN 'statutes_cited'
           WHEN target = 'defendant' THEN 'defendants'
           WHEN field = 'court' THEN 'court_id'
           WHEN field = 'sentence' THEN 'sentence_months'
           WHEN field = 'drug' THEN 'drugs'
           WHEN field = 'violence' THEN 'violent_crime_mentions'
           WHEN field = 'victim' THEN 'victims'
           WHEN field = 'benefit' THEN 'benefits'
           ELSE field
       END,
       item_key, action, value, author, note, created_at
FROM corrections;
DROP TABLE corrections;
ALTER TABLE corrections_new RENAME TO corrections;

CREATE INDEX idx_mentions_sha ON mentions(sha256, field, chosen);
CREATE INDEX idx_corrections_item ON corrections(sha256, field, item_key);
CREATE INDEX idx_documents_case_key ON documents(case_key);
