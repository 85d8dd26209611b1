-- One row per value of every enum type of the schema named by $1 that no
-- extension owns, types in name order, values in their declared order; a
-- type without values has one row with a NULL label.
SELECT ty.typname, e.enumlabel
FROM pg_catalog.pg_type AS ty
JOIN pg_catalog.pg_namespace AS n ON n.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_enum AS e ON e.enumtypid = ty.oid
WHERE n.nspname = $1
  AND ty.typtype = 'e'
  AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend AS d
      WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = ty.oid AND d.deptype = 'e'
  )
ORDER BY ty.typname, e.enumsortorder
