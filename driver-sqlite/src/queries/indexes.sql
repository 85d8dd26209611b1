-- One row per key column of every index made by CREATE INDEX, indexes in
-- creation order. Left out: the indexes SQLite makes itself for PRIMARY KEY
-- and UNIQUE table constraints (origin 'pk', names `sqlite_autoindex_*`).
SELECT t.name, l.name, l."unique", l.partial, x.cid, x.name, x."desc"
FROM user_tables AS t
CROSS JOIN pragma_index_list(t.name, 'main') AS l
CROSS JOIN main.sqlite_schema AS i ON i.type = 'index' AND i.name = l.name
CROSS JOIN pragma_index_xinfo(l.name, 'main') AS x
WHERE l.origin <> 'pk'
  AND l.name NOT LIKE 'sqlite\_autoindex\_%' ESCAPE '\'
  AND x."key" = 1
ORDER BY t.position, i.rowid, x.seqno
