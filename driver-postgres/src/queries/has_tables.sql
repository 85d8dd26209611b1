-- Whether the schema named by $1 has a user table (see user_tables.sql).
SELECT EXISTS (SELECT 1 FROM user_tables)
