-- One row per table, by schema and name (byte order: `name` sorts as "C"),
-- with its oid, by which the other catalog queries take the tables, and what
-- `db pull` notes of it (see notes.sql): partitioned, row level security,
-- inherited by tables other than partitions (only a table marked as having
-- had subclasses is looked up: `relhassubclass` stays true after they go).
SELECT t.oid, t.name, t.namespace,
       t.relkind = 'p' AS partitioned,
       t.relrowsecurity AS row_level_security,
       CASE WHEN t.relkind = 'r' AND t.relhassubclass
            THEN EXISTS (SELECT 1 FROM pg_catalog.pg_inherits AS i
                         JOIN pg_catalog.pg_class AS child ON child.oid = i.inhrelid
                         WHERE i.inhparent = t.oid AND NOT child.relispartition)
            ELSE false END AS has_subclasses
FROM user_tables AS t
ORDER BY t.namespace, t.name
