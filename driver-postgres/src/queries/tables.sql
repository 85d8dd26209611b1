-- One row per table, by schema and name (byte order: `name` sorts as "C"),
-- with its oid, by which the other catalog queries take the tables, and
-- whether it is partitioned (`PARTITION BY`).
SELECT t.oid, t.name, t.namespace, t.partitioned
FROM user_tables AS t
ORDER BY t.namespace, t.name
