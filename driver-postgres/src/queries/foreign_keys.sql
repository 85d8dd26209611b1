-- One row per column of every foreign key, tables and keys in name order,
-- columns in key order, each with the column it references. Actions are
-- `confdeltype` / `confupdtype` codes (a, r, c, n, d).
SELECT t.name,
       c.conname,
       r.relname,
       a.attname,
       ra.attname,
       c.confdeltype::text,
       c.confupdtype::text
FROM user_tables AS t
JOIN pg_catalog.pg_constraint AS c ON c.conrelid = t.oid AND c.contype = 'f'
JOIN pg_catalog.pg_class AS r ON r.oid = c.confrelid
CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, refattnum, position)
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
JOIN pg_catalog.pg_attribute AS ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refattnum
ORDER BY t.name, c.conname, k.position
