-- One row per table, by schema and name (byte order: `name` sorts as "C"),
-- with its oid, by which the other catalog queries take the tables.
SELECT t.oid, t.name, t.namespace
FROM user_tables AS t
ORDER BY t.namespace, t.name
