-- Whether the schemas named in $1 have a user table (see user_tables.sql).
SELECT EXISTS (SELECT 1 FROM user_tables)
