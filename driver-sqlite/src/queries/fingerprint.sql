-- Every row of the main schema's catalog that introspection can read,
-- in creation order (the order introspection keeps): all of SQLite's
-- own pragmas are computed from this text. Prisma's history table is
-- left out, as introspection leaves it out: the shadow database, which
-- has none, then fingerprints like the dev database it was replayed for.
SELECT m.type, m.name, m.tbl_name, m.sql
FROM main.sqlite_schema AS m
WHERE m.tbl_name <> '_prisma_migrations' COLLATE NOCASE
ORDER BY m.rowid
