-- Every view of the `main` schema (a temporary view lives in `temp`'s), by
-- name in byte order, with its CREATE VIEW statement as written.
SELECT name, sql
FROM main.sqlite_schema
WHERE type = 'view'
ORDER BY name COLLATE BINARY
