-- One row per column of every foreign key; `id` groups the columns of one
-- key, `seq` orders them. `to` is NULL when the key references the parent's
-- primary key implicitly (`REFERENCES "T"` without a column list).
SELECT t.name, f.id, f."table", f."from", f."to", f.on_delete, f.on_update
FROM user_tables AS t
CROSS JOIN pragma_foreign_key_list(t.name, 'main') AS f
ORDER BY t.position, f.id, f.seq
