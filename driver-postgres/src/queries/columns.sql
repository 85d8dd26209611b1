-- One row per column of every table, tables in name order, columns in
-- declaration order. For an array column, the type facts are its element's
-- (`is_array` says it is one); `atttypmod` applies to the element too.
-- `format_type()` qualifies a type with its schema when the search path
-- does not find it; `type_schema` is that qualifier. `owns_sequence`: a
-- sequence belongs to the column (SERIAL, or `ALTER SEQUENCE ... OWNED BY`).
-- A default cannot refer to columns, so it is printed without the table's
-- context (several times faster); a generated column's expression, which
-- does, is not read.
, owned_sequences AS (
    SELECT DISTINCT d.refobjid AS table_oid, d.refobjsubid AS attnum
    FROM pg_catalog.pg_depend AS d
    JOIN pg_catalog.pg_class AS s ON s.oid = d.objid AND s.relkind = 'S'
    WHERE d.classid = 'pg_catalog.pg_class'::regclass
      AND d.refclassid = 'pg_catalog.pg_class'::regclass
      AND d.deptype = 'a'
)
SELECT t.name,
       a.attname,
       a.attnotnull,
       et.oid IS NOT NULL AS is_array,
       ty.typname,
       ty.typtype::text,
       a.atttypmod,
       pg_catalog.format_type(ty.oid, a.atttypmod) AS formatted,
       pg_catalog.quote_ident(tn.nspname) AS type_schema,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0) END AS default_expression,
       a.attidentity <> '' AS identity,
       a.attgenerated <> '' AS generated,
       o.attnum IS NOT NULL AS owns_sequence
FROM user_tables AS t
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type AS at ON at.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type AS et ON et.oid = at.typelem AND at.typcategory = 'A'
JOIN pg_catalog.pg_type AS ty ON ty.oid = COALESCE(et.oid, at.oid)
JOIN pg_catalog.pg_namespace AS tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN owned_sequences AS o ON o.table_oid = t.oid AND o.attnum = a.attnum
ORDER BY t.name, a.attnum
