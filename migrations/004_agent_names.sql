-- Agent names are unique regardless of case, never look like an agent id, and `builtin-…` belongs to
-- the built-in agents (issue 15, fault 8). Rows that an older server accepted against these rules are
-- renamed, never refused, so an upgrade cannot fail on what users registered: the new name keeps the
-- old one's readable part and gets a random suffix (md5 of random(), so nobody can pre-register it).

-- 1. A non-built-in name shaped like a UUID (an agent id) becomes `renamed-<random>`.
UPDATE agents SET name = 'renamed-' || left(md5(random()::text || id), 12)
WHERE kind <> 'builtin' AND name ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$';

-- 2. A non-built-in name in the built-ins' namespace loses the prefix and gets a suffix.
UPDATE agents SET name = coalesce(nullif(regexp_replace(name, '^(builtin-)+', '', 'i'), ''), 'agent') || '-' || left(md5(random()::text || id), 12)
WHERE kind <> 'builtin' AND lower(name) LIKE 'builtin-%';

-- 3. Names equal but for case: the built-in (else the oldest) keeps it, the others get a suffix.
UPDATE agents AS a SET name = a.name || '-' || left(md5(random()::text || a.id), 12)
FROM (
  SELECT id, row_number() OVER (PARTITION BY lower(name) ORDER BY (kind = 'builtin') DESC, created_at, id) AS n
  FROM agents
) AS d
WHERE a.id = d.id AND d.n > 1;

CREATE UNIQUE INDEX agents_name_lower ON agents (lower(name));
