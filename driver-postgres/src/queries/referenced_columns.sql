-- The name and the column names of each table whose oid is in $1: the
-- tables outside the schema that its foreign keys reference.
SELECT c.oid, c.relname, a.attnum, a.attname
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.oid = ANY($1)
