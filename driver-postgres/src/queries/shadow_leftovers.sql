-- Databases named like migrate's shadow databases that no session uses.
-- The caller keeps only the exact shape and age it recognises as its own.
SELECT d.datname
FROM pg_database d
WHERE d.datname LIKE 'prisma\_migrate\_shadow\_db\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
ORDER BY d.datname
