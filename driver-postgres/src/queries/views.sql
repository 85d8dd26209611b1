-- One row per view of the schemas named in $1 (a name[]), in the order they
-- were made (oid, whatever their schema: the order Prisma 6.19.3 pulls them in),
-- with its oid (by which columns.sql reads its columns) and its query as
-- `pg_get_viewdef()` prints it, which is `pg_views.definition`: what Prisma
-- 6.19.3 writes to `views/`. Materialized views (relkind 'm') are not views
-- here, nor in Prisma; views an extension made (pg_depend deptype 'e', such
-- as pg_buffercache's) are left out as their tables are, where Prisma
-- 6.19.3 pulls them. `commented`: the view or one of its columns has a
-- comment.
SELECT c.oid, c.relname AS name, n.nspname AS namespace, pg_catalog.pg_get_viewdef(c.oid) AS definition,
       EXISTS (SELECT 1 FROM pg_catalog.pg_description AS d
               WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid) AS commented
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1)
  AND c.relkind = 'v'
  AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend AS d
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
ORDER BY c.oid
