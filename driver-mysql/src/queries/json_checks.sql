-- MariaDB: the CHECK constraints of the database `?`. A JSON column is a
-- LONGTEXT with `CHECK (json_valid(`col`))`. (MySQL 8 has a JSON type, and
-- its CHECK_CONSTRAINTS view has no TABLE_NAME.)
SELECT TABLE_NAME, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
  AND CHECK_CLAUSE LIKE 'json\_valid(%'
