-- A decision on a mention may also correct its attributes: the flags and texts its field exports (fields.json
-- `export.flags`, `export.attrs`: a violent act `charged` or only described, a drug's `quantity`). JSON object,
-- merged over the machine's attributes by the effective views; an added mention's attributes.
ALTER TABLE corrections ADD COLUMN attrs TEXT;
