-- Every column of the database `?` (views' too: they are dropped with the
-- tables they do not belong to), in table and position order.
SELECT
    TABLE_NAME,
    COLUMN_NAME,
    IS_NULLABLE = 'YES',
    DATA_TYPE,
    COLUMN_TYPE,
    COLUMN_DEFAULT,
    EXTRA
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
ORDER BY BINARY TABLE_NAME, ORDINAL_POSITION
