-- Word boxes of each page, for highlighting evidence on the page image (corpus/boxes.py writes and reads them).
-- JSON: a flat list of ints, six per word, [start, end, x0, y0, x1, y1, ...]: start/end are character offsets into
-- pages.text (end exclusive), x/y the word's box in 1/10000ths of the page's width/height, origin top left.
-- NULL for pages without boxes (plain text, HTML, pages that failed, rows stored before this migration).

ALTER TABLE pages ADD COLUMN boxes TEXT;
