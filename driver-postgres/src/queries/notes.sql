-- What `db pull` notes about the tables whose oids are $1 and the schema file
-- cannot say, besides what tables.sql reads of each table, one row per fact:
-- (table oid, kind, constraint name, column number). Kinds: `check` and
-- `exclusion` (constraints by name, inherited ones included), `deferring` (a
-- DEFERRABLE primary key, unique or foreign key constraint) and `comment`
-- (on the table, column number 0, or on a column). Prisma 6.19.3 notes each
-- of these above the model and warns of it.
SELECT k.conrelid AS oid,
       CASE WHEN k.contype = 'c' THEN 'check' WHEN k.contype = 'x' THEN 'exclusion' ELSE 'deferring' END AS kind,
       k.conname AS name,
       NULL::int4 AS attnum
FROM pg_catalog.pg_constraint AS k
WHERE k.conrelid = ANY($1)
  AND (k.contype IN ('c', 'x') OR (k.condeferrable AND k.contype IN ('p', 'u', 'f')))
UNION ALL
SELECT d.objoid, 'comment', NULL, d.objsubid
FROM pg_catalog.pg_description AS d
WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = ANY($1)
ORDER BY 1, 2, 3, 4
