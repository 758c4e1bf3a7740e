-- Funnelling: staff and a round's co-moderators group ideas into clusters
-- (themes), set ideas aside with a reason, and see who worked on what.
-- Keep in step with ../postgres/0009_funnelling.sql.

CREATE TABLE clusters (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    -- Raised by every change to the title, summary or existence, so two
    -- people editing at once do not overwrite each other unnoticed.
    version    INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Removed or merged into another cluster: kept so the log can name it.
    removed_at TEXT,
    merged_into INTEGER REFERENCES clusters (id)
);
CREATE INDEX clusters_by_round ON clusters (round_id, id) WHERE removed_at IS NULL;

-- Who worked on a cluster, and how often; shown on the cluster.
CREATE TABLE cluster_work (
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    changes    INTEGER NOT NULL DEFAULT 1,
    last_at    TEXT NOT NULL,
    PRIMARY KEY (cluster_id, account_id)
);

-- An idea is in at most one cluster, or set aside with a reason, or not
-- yet placed. funnel_version is raised by every move of the idea.
ALTER TABLE ideas ADD COLUMN cluster_id INTEGER REFERENCES clusters (id);
ALTER TABLE ideas ADD COLUMN set_aside TEXT
    CHECK (set_aside IN ('out_of_scope', 'off_topic', 'other'));
ALTER TABLE ideas ADD COLUMN set_aside_note TEXT;
ALTER TABLE ideas ADD COLUMN funnel_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ideas_by_cluster ON ideas (cluster_id) WHERE cluster_id IS NOT NULL;

-- Suggested clusters that someone said no to, by the ideas they held, so
-- the same suggestion does not come back.
CREATE TABLE dismissed_suggestions (
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    idea_set     TEXT NOT NULL,
    dismissed_by INTEGER NOT NULL REFERENCES accounts (id),
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (round_id, idea_set)
);

-- What happened in the workspace, newest last; append-only.
CREATE TABLE funnel_log (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    action     TEXT NOT NULL,
    cluster_id INTEGER REFERENCES clusters (id),
    detail     TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX funnel_log_by_round ON funnel_log (round_id, id DESC);
CREATE TRIGGER funnel_log_no_update BEFORE UPDATE ON funnel_log
BEGIN SELECT RAISE(ABORT, 'funnel_log is append-only'); END;
CREATE TRIGGER funnel_log_no_delete BEFORE DELETE ON funnel_log
BEGIN SELECT RAISE(ABORT, 'funnel_log is append-only'); END;
