-- One row per column of every table, in declaration order. Generated columns
-- are hidden from table_info and so left out.
SELECT t.name, c.name, c.type, c."notnull", c.dflt_value, c.pk
FROM user_tables AS t
CROSS JOIN pragma_table_info(t.name, 'main') AS c
ORDER BY t.position, c.cid
