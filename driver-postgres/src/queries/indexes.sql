-- One row per key column of every index of the tables whose oids are $1
-- (primary keys and the indexes behind UNIQUE constraints included, each
-- once), each index's rows together in key order, an index's INCLUDE columns
-- after its keys, as columns of the index: Prisma 6.19.3 reads them so (it
-- pulls `(a) INCLUDE (b)` as `@@index([a, b])` and sees no change between
-- the two); the indexes behind exclusion constraints are left out. `attnum` is the
-- column's number in its table, 0 for an expression (the caller names the
-- columns from the columns query); `descending` is bit 1 of `indoption`,
-- `nulls_first` bit 2;
-- `ops` is the operator class when it is not the default one for its type
-- and method; `is_constraint` tells the index behind a UNIQUE constraint
-- from one made by CREATE UNIQUE INDEX.
SELECT x.indrelid,
       i.relname,
       x.indisprimary,
       x.indisunique,
       am.amname,
       x.indpred IS NOT NULL AS partial,
       k.attnum,
       -- an INCLUDE column has no option or operator class of its own
       COALESCE((k.option & 1) = 1, false) AS descending,
       COALESCE((k.option & 2) = 2, false) AS nulls_first,
       CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END AS ops,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS c
               WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype = 'u') AS is_constraint
FROM pg_catalog.pg_index AS x
JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_am AS am ON am.oid = i.relam
CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[], x.indoption::int2[])
    WITH ORDINALITY AS k(attnum, opclass, option, position)
LEFT JOIN pg_catalog.pg_opclass AS opc ON opc.oid = k.opclass
WHERE x.indrelid = ANY($1)
  AND NOT x.indisexclusion
ORDER BY x.indrelid, x.indexrelid, k.position
