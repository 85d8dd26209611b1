-- One row per table, in name order (byte order: `name` sorts as "C"), with
-- its oid, by which the other catalog queries take the tables.
SELECT t.oid, t.name
FROM user_tables AS t
ORDER BY t.name
