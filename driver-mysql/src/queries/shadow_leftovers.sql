-- Databases named like migrate's shadow databases that no session uses (a
-- user without the PROCESS privilege sees its own sessions: those of the
-- `dev` that created them). The caller keeps only the exact shape and age it
-- recognises as its own.
SELECT CAST(s.SCHEMA_NAME AS CHAR)
FROM information_schema.SCHEMATA s
WHERE s.SCHEMA_NAME LIKE 'prisma\_migrate\_shadow\_db\_%'
  AND NOT EXISTS (
    SELECT 1 FROM information_schema.PROCESSLIST p WHERE p.DB = s.SCHEMA_NAME
  )
ORDER BY s.SCHEMA_NAME
