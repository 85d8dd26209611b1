-- One row per column of the tables whose oids are $1, each table's columns
-- in declaration order. A column of a domain is read as a column of the
-- domain's base type (one level: a domain over a domain is that domain),
-- with the domain's modifier, and not null when the domain is, as
-- `information_schema.columns` reads it (and Prisma 6.19.3 with it). For an
-- array column, the type facts are its element's (`is_array` says it is
-- one); `atttypmod` applies to the element too, and `format_type()` writes the
-- array type: the element's text and `[]`. `format_type()` qualifies a type
-- with its schema when the search path does not find it; `type_schema` is
-- that qualifier, `type_schema_name` the schema's name. `udt_name` is the
-- type's own name as `information_schema.columns` has it (the domain's base
-- type, `_point` for an array of points). A default cannot refer to columns, so it is
-- printed without the table's context (several times faster); a generated
-- column's expression, which does, is printed with it.
--
-- Tables are taken by oid rather than joined here: the planner then has
-- few relations to order, and a fresh backend plans and runs this in about
-- half the time of the joined form (measured, BENCHMARKS.md).
SELECT a.attrelid,
       a.attnum,
       a.attname,
       a.attnotnull OR (dt.typtype = 'd' AND dt.typnotnull) AS not_null,
       at.typcategory = 'A' AS is_array,
       ty.typname,
       ty.typtype::text,
       CASE WHEN dt.typtype = 'd' THEN dt.typtypmod ELSE a.atttypmod END AS typmod,
       pg_catalog.format_type(at.oid, CASE WHEN dt.typtype = 'd' THEN dt.typtypmod ELSE a.atttypmod END) AS formatted,
       pg_catalog.quote_ident(tn.nspname) AS type_schema,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0)
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expression,
       a.attidentity <> '' AS identity,
       at.typname AS udt_name,
       tn.nspname AS type_schema_name,
       a.attgenerated <> '' AS generated
FROM pg_catalog.pg_attribute AS a
-- dt: the declared type; at: it, or its base type for a domain; ty: the element of an array, else at
JOIN pg_catalog.pg_type AS dt ON dt.oid = a.atttypid
JOIN pg_catalog.pg_type AS at ON at.oid = CASE WHEN dt.typtype = 'd' THEN dt.typbasetype ELSE dt.oid END
JOIN pg_catalog.pg_type AS ty ON ty.oid = CASE WHEN at.typcategory = 'A' THEN at.typelem ELSE at.oid END
JOIN pg_catalog.pg_namespace AS tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1)
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
