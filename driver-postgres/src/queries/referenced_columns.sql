-- The name, the column names and the schema of each table whose oid is in $1: the
-- tables outside the schema that its foreign keys reference.
SELECT c.oid, c.relname, a.attnum, a.attname, n.nspname
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.oid = ANY($1)
