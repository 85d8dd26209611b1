-- One row per key column of every index of the database `?`, each index's
-- rows together in key order. `COLUMN_NAME` is NULL for a functional key
-- part (MySQL 8); `COLLATION` is `D` for a descending one; `SUB_PART` is
-- the prefix length.
SELECT
    TABLE_NAME,
    INDEX_NAME,
    NON_UNIQUE = 0,
    INDEX_TYPE,
    COLUMN_NAME,
    COLLATION = 'D',
    SUB_PART
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
ORDER BY BINARY TABLE_NAME, BINARY INDEX_NAME, SEQ_IN_INDEX
