-- One row per foreign key of the tables whose oids are $1, each table's in
-- name order: the referencing and referenced columns as numbers (`conkey`,
-- `confkey`, paired in key order), which the caller names from the columns
-- query (and referenced_columns.sql for a table outside the schema).
-- Actions are `confdeltype` / `confupdtype` codes (a, r, c, n, d).
SELECT c.conrelid,
       c.conname,
       c.confrelid,
       c.conkey,
       c.confkey,
       c.confdeltype::text,
       c.confupdtype::text
FROM pg_catalog.pg_constraint AS c
WHERE c.conrelid = ANY($1)
  AND c.contype = 'f'
ORDER BY c.conrelid, c.conname
