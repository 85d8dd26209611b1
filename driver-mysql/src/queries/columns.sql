-- Every column of the database `?`, in table and position order: views'
-- too (table introspection drops them with the rows of tables it does not
-- read; view introspection reads them and drops the tables').
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
