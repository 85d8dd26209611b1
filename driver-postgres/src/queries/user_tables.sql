-- The user's tables: every ordinary or partitioned table of the schemas named
-- in $1 (a name[]), except partitions (part of their parent), Prisma's migration
-- history, and tables that belong to an extension (pg_depend deptype 'e',
-- such as PostGIS's spatial_ref_sys: the extension made it and drops it).
-- Every other catalog query starts with this common table expression.
WITH user_tables AS (
    SELECT c.oid AS oid, c.relname AS name, n.nspname AS namespace, c.relkind = 'p' AS partitioned
    FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY($1)
      AND c.relkind IN ('r', 'p')
      AND NOT c.relispartition
      AND c.relname <> '_prisma_migrations'
      AND NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend AS d
          WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
      )
)
