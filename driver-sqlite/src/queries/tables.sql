-- One row per table, in creation order, with its CREATE TABLE text (the only
-- place SQLite keeps AUTOINCREMENT and foreign key constraint names).
SELECT t.name, t.sql, t.without_rowid
FROM user_tables AS t
ORDER BY t.position
