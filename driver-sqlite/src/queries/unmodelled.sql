-- What the user's tables hold that no schema file describes, which a table
-- rebuild would drop: triggers and indexes with their text, in creation
-- order (the indexes introspection reads are told apart in Rust; SQLite's
-- own have no text), then generated columns, which `table_info` hides
-- (`hidden` 2 is VIRTUAL, 3 STORED), in column order.
SELECT t.name, m.type, m.name, m.sql, 0 AS part, m.rowid AS seq
FROM user_tables AS t
CROSS JOIN main.sqlite_schema AS m ON m.tbl_name = t.name
WHERE m.type IN ('trigger', 'index') AND m.sql IS NOT NULL
UNION ALL
SELECT t.name, 'column', c.name, NULL, 1, c.cid
FROM user_tables AS t
CROSS JOIN pragma_table_xinfo(t.name, 'main') AS c
WHERE c.hidden IN (2, 3)
ORDER BY part, seq
