-- One row per table, in name order (byte order: `name` sorts as "C").
SELECT t.name
FROM user_tables AS t
ORDER BY t.name
