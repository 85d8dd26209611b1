-- One row per column of every foreign key of the database `?` to a table of
-- the same database, each key's rows together in key order. Their actions
-- are in foreign_key_actions.sql: joined here, the two views make a nested
-- loop that costs MariaDB a quarter of a second for 1,000 keys.
SELECT
    TABLE_NAME,
    CONSTRAINT_NAME,
    REFERENCED_TABLE_NAME,
    COLUMN_NAME,
    REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = ?
  AND REFERENCED_TABLE_SCHEMA = TABLE_SCHEMA
ORDER BY BINARY TABLE_NAME, BINARY CONSTRAINT_NAME, ORDINAL_POSITION
