-- The triggers and indexes of the main schema with their text, in creation
-- order: what a table rebuild would drop with the table. Rows of tables
-- that are not the user's are dropped in Rust, as are the indexes that
-- introspection reads (SQLite's own have no text). One scan of
-- sqlite_schema, without user_tables: joining it per table is quadratic.
SELECT m.tbl_name, m.type, m.name, m.sql
FROM main.sqlite_schema AS m
WHERE m.type IN ('trigger', 'index') AND m.sql IS NOT NULL
ORDER BY m.rowid
