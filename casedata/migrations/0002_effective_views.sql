-- Read views that apply annotators' corrections over machine values.
-- A 'set' correction replaces a value, 'reject' hides an item, 'add' adds one, 'accept' marks it verified.
-- Item keys: mentions label@page:start (field = kind); charges count_label|statute (field = 'statute');
-- defendants the machine name (field = 'name').

CREATE VIEW documents_effective AS
SELECT d.sha256, d.file, d.path, d.kind, d.status, d.error_reason, d.error, d.warnings, d.pipeline_version,
       d.run_id, d.processed_at, d.seconds, d.n_pages,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'doc_type' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'doc_type' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.doc_type END AS doc_type,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'court_id' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'court_id' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.court_id END AS court_id,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'court' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'court' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.court END AS court,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'case_number' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'case_number' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.case_number END AS case_number,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'custody' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'custody' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.custody END AS custody,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'plea' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'plea' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.plea END AS plea,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'sentence_months' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN CAST((SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'sentence_months' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) AS INTEGER) ELSE d.sentence_months END AS sentence_months,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'sentence' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN (SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'sentence' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) ELSE d.sentence END AS sentence,
    CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'public_official' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) THEN CAST((SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'document' AND c.field = 'public_official' AND c.action = 'set' ORDER BY c.id DESC LIMIT 1) AS INTEGER) ELSE d.public_official END AS public_official
FROM documents d;

CREATE VIEW mentions_effective AS
SELECT m.id, m.sha256, m.kind,
       COALESCE((SELECT c.value FROM corrections c WHERE c.sha256 = m.sha256 AND c.target = 'mention'
                 AND c.field = m.kind AND c.item_key = m.label || '@' || m.page || ':' || m.start
                 AND c.action = 'set' ORDER BY c.id DESC LIMIT 1), m.label) AS label,
       m.chosen, m.attrs, m.page, m.start, m."end", m.text, m.extractor, m.version, m.confidence,
       EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = m.sha256 AND c.target = 'mention'
               AND c.field = m.kind AND c.item_key = m.label || '@' || m.page || ':' || m.start
               AND c.action IN ('accept', 'set')) AS verified
FROM mentions m
WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = m.sha256 AND c.target = 'mention'
                  AND c.field = m.kind AND c.item_key = m.label || '@' || m.page || ':' || m.start
                  AND c.action = 'reject')
UNION ALL
SELECT NULL, c.sha256, c.field, c.value, 0, '{}', NULL, NULL, NULL, c.note, 'correction', c.author, 1.0, 1
FROM corrections c WHERE c.target = 'mention' AND c.action = 'add';

CREATE VIEW charges_effective AS
SELECT ch.id, ch.sha256, ch.count_label, ch.count_description,
       COALESCE((SELECT c.value FROM corrections c WHERE c.sha256 = ch.sha256 AND c.target = 'charge'
                 AND c.item_key = COALESCE(ch.count_label, '') || '|' || ch.statute
                 AND c.action = 'set' ORDER BY c.id DESC LIMIT 1), ch.statute) AS statute,
       ch.title, ch.section, ch.category, ch.page, ch.start, ch."end", ch.text, ch.extractor, ch.version,
       ch.confidence
FROM charges ch
WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = ch.sha256 AND c.target = 'charge'
                  AND c.item_key = COALESCE(ch.count_label, '') || '|' || ch.statute AND c.action = 'reject')
UNION ALL
SELECT NULL, c.sha256, NULLIF(c.item_key, ''), NULL, c.value, NULL, NULL, NULL, NULL, NULL, NULL, c.note,
       'correction', c.author, 1.0
FROM corrections c WHERE c.target = 'charge' AND c.action = 'add';

CREATE VIEW defendants_effective AS
SELECT d.id, d.sha256,
       COALESCE((SELECT c.value FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'defendant'
                 AND c.item_key = d.name AND c.action = 'set' ORDER BY c.id DESC LIMIT 1), d.name) AS name,
       d.aliases, d.page, d.start, d."end", d.text, d.extractor, d.version, d.confidence
FROM defendants d
WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = d.sha256 AND c.target = 'defendant'
                  AND c.item_key = d.name AND c.action = 'reject')
UNION ALL
SELECT NULL, c.sha256, c.value, '[]', NULL, NULL, NULL, c.note, 'correction', c.author, 1.0
FROM corrections c WHERE c.target = 'defendant' AND c.action = 'add';
