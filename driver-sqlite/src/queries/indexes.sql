-- One row per key column of every index, indexes in `index_list` order (the
-- order Prisma reads them in: the newest first). Included: the indexes
-- SQLite makes itself for UNIQUE table constraints (origin 'u', named
-- `sqlite_autoindex_*`): they are unique constraints like any other (the
-- last column tells them, as only a table rebuild drops them). Left
-- out: the one it makes for a PRIMARY KEY (origin 'pk'), which is the key.
SELECT t.name, l.name, l."unique", l.partial, x.cid, x.name, x."desc", l.origin = 'u'
FROM user_tables AS t
CROSS JOIN pragma_index_list(t.name, 'main') AS l
CROSS JOIN pragma_index_xinfo(l.name, 'main') AS x
WHERE l.origin <> 'pk'
  AND x."key" = 1
ORDER BY t.position, l.seq, x.seqno
