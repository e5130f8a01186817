-- Facts about this database itself: which kehou created it, when, and (later) whether the demo
-- city was seeded. Key/value because each fact is written once and read rarely.
CREATE TABLE kehou_meta (
    meta_key   TEXT PRIMARY KEY,
    meta_value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
