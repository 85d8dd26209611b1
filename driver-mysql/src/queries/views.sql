-- The views of the database `?` by name (bytes), each with its query as the
-- server stored it: rewritten, every name quoted and qualified
-- (select `db`.`User`.`id` AS `id` from `db`.`User`), without a `;`.
-- Their columns are columns.sql's rows of the same names.
SELECT
    TABLE_NAME,
    VIEW_DEFINITION
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = ?
ORDER BY BINARY TABLE_NAME
