-- Everything up to the end of a round's collecting phase: policy domains,
-- paper and meeting input, children's dreams, pre-moderation, flags,
-- redaction, merging duplicates, a moderation log, and Dutch full-text
-- search. Keep in step with ../postgres/0007_contributions.sql.

ALTER TABLE rounds ADD COLUMN dreams_open BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE rounds ADD COLUMN premoderated BOOLEAN NOT NULL DEFAULT FALSE;

-- A round's dreams answer their own "question" ("Als ik later groot
-- ben…"), so they flow through filters and clustering like any idea.
ALTER TABLE questions ADD COLUMN kind TEXT NOT NULL DEFAULT 'question'
    CHECK (kind IN ('question', 'dream'));

-- Where ideas from paper or a meeting came from.
CREATE TABLE input_sources (
    id                INTEGER PRIMARY KEY,
    round_id          INTEGER NOT NULL REFERENCES rounds (id),
    channel           TEXT NOT NULL CHECK (channel IN ('paper', 'meeting')),
    name              TEXT NOT NULL,
    held_on           TEXT NOT NULL,
    place             TEXT,
    contributor_group TEXT NOT NULL
        CHECK (contributor_group IN ('resident', 'experience_expert', 'young_person')),
    entered_by        INTEGER NOT NULL REFERENCES accounts (id),
    submission_hash   TEXT NOT NULL UNIQUE,
    created_at        TEXT NOT NULL
);
CREATE INDEX input_sources_by_round ON input_sources (round_id, id);

ALTER TABLE ideas ADD COLUMN policy_domain TEXT
    CHECK (policy_domain IN ('work_income', 'housing', 'care', 'upbringing', 'safety',
                             'health', 'physical_environment'));
ALTER TABLE ideas ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CHECK (channel IN ('online', 'paper', 'meeting'));
ALTER TABLE ideas ADD COLUMN source_id INTEGER REFERENCES input_sources (id);
-- Pre-moderated rounds and dreams: not public until a moderator approves.
ALTER TABLE ideas ADD COLUMN awaiting_review BOOLEAN NOT NULL DEFAULT FALSE;
-- A duplicate merged into another idea leaves the lists; its supports
-- moved to the idea it was merged into.
ALTER TABLE ideas ADD COLUMN merged_into INTEGER REFERENCES ideas (id);
ALTER TABLE ideas ADD COLUMN redacted_at TEXT;
-- The Dutch stems of the text (analysis::search_document), which both
-- engines index the same way so a search finds the same ideas.
ALTER TABLE ideas ADD COLUMN search_stems TEXT NOT NULL DEFAULT '';

-- Public lists show hidden ideas as "hidden, because …", so the index
-- covers everything public, hidden or not.
DROP INDEX ideas_visible_by_round;
CREATE INDEX ideas_public_by_round
    ON ideas (round_id, created_at DESC, id DESC, hidden_at)
    WHERE withdrawn_at IS NULL AND merged_into IS NULL AND NOT awaiting_review;
CREATE INDEX ideas_awaiting_review ON ideas (round_id, id) WHERE awaiting_review;

CREATE TABLE dreams (
    idea_id    INTEGER PRIMARY KEY REFERENCES ideas (id),
    need       TEXT,
    age_group  TEXT NOT NULL CHECK (age_group IN ('4-7', '8-12', '13-17')),
    first_name TEXT
);

-- Only for a child who asked to talk about their dream; deleted after
-- retention::DREAM_CONTACT_KEPT.
CREATE TABLE dream_contacts (
    idea_id    INTEGER PRIMARY KEY REFERENCES ideas (id),
    contact    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE flags (
    id           INTEGER PRIMARY KEY,
    idea_id      INTEGER NOT NULL REFERENCES ideas (id),
    reason       TEXT NOT NULL
        CHECK (reason IN ('personal_data', 'hurtful', 'advertising', 'off_topic', 'other')),
    note         TEXT,
    -- A salted hash of the flagger (participant or client), so one person
    -- flags an idea once; never shown.
    flagger_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  INTEGER REFERENCES accounts (id),
    UNIQUE (idea_id, flagger_hash)
);
CREATE INDEX flags_open ON flags (idea_id) WHERE resolved_at IS NULL;

-- The text as it was before personal data was taken out: kept for the
-- audit, never shown.
CREATE TABLE idea_redactions (
    id            INTEGER PRIMARY KEY,
    idea_id       INTEGER NOT NULL REFERENCES ideas (id),
    original_text TEXT NOT NULL,
    redacted_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at    TEXT NOT NULL
);

CREATE TABLE moderation_log (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    idea_id    INTEGER NOT NULL REFERENCES ideas (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    action     TEXT NOT NULL,
    reason     TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX moderation_log_by_round ON moderation_log (round_id, id DESC);
CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON moderation_log
BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END;
CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON moderation_log
BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END;

-- Full-text search over the stems, kept in step by triggers.
CREATE VIRTUAL TABLE idea_search USING fts5 (
    search_stems, content = 'ideas', content_rowid = 'id'
);
CREATE TRIGGER idea_search_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO idea_search (rowid, search_stems) VALUES (new.id, new.search_stems);
END;
CREATE TRIGGER idea_search_update AFTER UPDATE OF search_stems ON ideas BEGIN
    INSERT INTO idea_search (idea_search, rowid, search_stems)
        VALUES ('delete', old.id, old.search_stems);
    INSERT INTO idea_search (rowid, search_stems) VALUES (new.id, new.search_stems);
END;
CREATE TRIGGER idea_search_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO idea_search (idea_search, rowid, search_stems)
        VALUES ('delete', old.id, old.search_stems);
END;
