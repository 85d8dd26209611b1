-- One row per extension installed in the database (extensions belong to the
-- database, not to a schema), in name order, with the schema that holds its
-- objects and its version. PL/pgSQL, which every database has, is left out.
SELECT e.extname, n.nspname, e.extversion
FROM pg_catalog.pg_extension AS e
JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname
