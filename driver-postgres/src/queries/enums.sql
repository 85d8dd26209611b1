-- One row per value of every enum type of the schemas named in $1 (a
-- name[]) that no extension owns, types by schema and name, values in their declared order; a
-- type without values has one row with a NULL label. `commented`: the type
-- has a comment (`COMMENT ON TYPE`).
SELECT ty.typname, e.enumlabel, n.nspname,
       EXISTS (SELECT 1 FROM pg_catalog.pg_description AS d
               WHERE d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = ty.oid) AS commented
FROM pg_catalog.pg_type AS ty
JOIN pg_catalog.pg_namespace AS n ON n.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_enum AS e ON e.enumtypid = ty.oid
WHERE n.nspname = ANY($1)
  AND ty.typtype = 'e'
  AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend AS d
      WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = ty.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, ty.typname, e.enumsortorder
