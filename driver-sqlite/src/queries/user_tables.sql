-- The user's tables: every ordinary table of the `main` schema except
-- SQLite's own (`sqlite_*`), virtual tables and their shadow tables, and
-- Prisma's migration history. `position` is creation order.
-- Every other catalog query starts with this common table expression.
-- CROSS JOIN pins the join order: each pragma function must run once per
-- row of the table to its left, never the other way round (the planner may
-- otherwise put a catalog scan outside a pragma call and go quadratic).
WITH user_tables AS (
    SELECT m.rowid AS position, m.name AS name, m.sql AS sql, l.wr AS without_rowid
    FROM pragma_table_list AS l
    CROSS JOIN main.sqlite_schema AS m ON m.type = 'table' AND m.name = l.name
    WHERE l.schema = 'main'
      AND l.type = 'table'
      AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
      AND m.name <> '_prisma_migrations' COLLATE NOCASE
)
