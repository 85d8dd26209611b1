-- One row per key column of every index (primary keys and the indexes behind
-- UNIQUE constraints included, each once), tables and indexes in name order,
-- columns in key order; INCLUDE columns and the indexes behind exclusion
-- constraints are left out. `on_column` is false for an expression;
-- `descending` is bit 1 of `indoption`; `ops` is the operator class when it
-- is not the default one for its type and method; `is_constraint` tells the
-- index behind a UNIQUE constraint from one made by CREATE UNIQUE INDEX.
SELECT t.name,
       i.relname,
       x.indisprimary,
       x.indisunique,
       am.amname,
       x.indpred IS NOT NULL AS partial,
       k.attnum <> 0 AS on_column,
       a.attname,
       (k.option & 1) = 1 AS descending,
       CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END AS ops,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS c
               WHERE c.conindid = x.indexrelid AND c.conrelid = t.oid AND c.contype = 'u') AS is_constraint
FROM user_tables AS t
JOIN pg_catalog.pg_index AS x ON x.indrelid = t.oid
JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_am AS am ON am.oid = i.relam
CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[], x.indoption::int2[])
    WITH ORDINALITY AS k(attnum, opclass, option, position)
LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum <> 0
LEFT JOIN pg_catalog.pg_opclass AS opc ON opc.oid = k.opclass
WHERE k.position <= x.indnkeyatts
  AND NOT x.indisexclusion
ORDER BY t.name, i.relname, k.position
