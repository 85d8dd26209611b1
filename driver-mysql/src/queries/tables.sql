-- The base tables of the database `?`, without the migration history and
-- the cluster lock (`_migrate_lock`, on Galera).
SELECT TABLE_NAME
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'BASE TABLE'
  AND TABLE_NAME NOT IN ('_prisma_migrations', '_migrate_lock')
