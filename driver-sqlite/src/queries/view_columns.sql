-- One row per column of every view of the `main` schema, in the shape of
-- columns.sql (the view's name where a table's stands): views by name in
-- byte order, their columns in order. The declared type is the one of the
-- table column a view column selects, empty for an expression; `notnull`,
-- `dflt_value`, `pk` and generated are always 0, NULL, 0 and 0. SQLite compiles each
-- view's query to list its columns: a view over a table that no longer
-- exists fails the statement, as selecting from the view would.
-- CROSS JOIN pins the join order, as in user_tables.sql.
SELECT v.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, 0
FROM main.sqlite_schema AS v
CROSS JOIN pragma_table_info(v.name, 'main') AS c
WHERE v.type = 'view'
ORDER BY v.name COLLATE BINARY, c.cid
