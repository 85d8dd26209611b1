-- The base tables of the database `?`, without the migration history.
SELECT TABLE_NAME
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'BASE TABLE'
  AND TABLE_NAME <> '_prisma_migrations'
