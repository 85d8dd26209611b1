-- One row per column of every table, in declaration order. `table_xinfo`
-- also lists the generated columns `table_info` hides (`hidden` 2 is
-- VIRTUAL, 3 STORED), which introspection keeps apart: no schema describes
-- them, as Prisma 6.19.3 reads none.
SELECT t.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden IN (2, 3)
FROM user_tables AS t
CROSS JOIN pragma_table_xinfo(t.name, 'main') AS c
ORDER BY t.position, c.cid
