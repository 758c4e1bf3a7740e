-- Funnelling: staff and a round's co-moderators group ideas into clusters
-- (themes), set ideas aside with a reason, and see who worked on what.
-- Keep in step with ../sqlite/0009_funnelling.sql.

CREATE TABLE clusters (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id   BIGINT NOT NULL REFERENCES rounds (id),
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    -- Raised by every change to the title, summary or existence, so two
    -- people editing at once do not overwrite each other unnoticed.
    version    BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- Removed or merged into another cluster: kept so the log can name it.
    removed_at TIMESTAMPTZ,
    merged_into BIGINT REFERENCES clusters (id)
);
CREATE INDEX clusters_by_round ON clusters (round_id, id) WHERE removed_at IS NULL;

-- Who worked on a cluster, and how often; shown on the cluster.
CREATE TABLE cluster_work (
    cluster_id BIGINT NOT NULL REFERENCES clusters (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    changes    BIGINT NOT NULL DEFAULT 1,
    last_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, account_id)
);

-- An idea is in at most one cluster, or set aside with a reason, or not
-- yet placed. funnel_version is raised by every move of the idea.
ALTER TABLE ideas ADD COLUMN cluster_id BIGINT REFERENCES clusters (id);
ALTER TABLE ideas ADD COLUMN set_aside TEXT
    CHECK (set_aside IN ('out_of_scope', 'off_topic', 'other'));
ALTER TABLE ideas ADD COLUMN set_aside_note TEXT;
ALTER TABLE ideas ADD COLUMN funnel_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ideas_by_cluster ON ideas (cluster_id) WHERE cluster_id IS NOT NULL;

-- Suggested clusters that someone said no to, by the ideas they held, so
-- the same suggestion does not come back.
CREATE TABLE dismissed_suggestions (
    round_id     BIGINT NOT NULL REFERENCES rounds (id),
    idea_set     TEXT NOT NULL,
    dismissed_by BIGINT NOT NULL REFERENCES accounts (id),
    dismissed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_id, idea_set)
);

-- What happened in the workspace, newest last; append-only.
CREATE TABLE funnel_log (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id   BIGINT NOT NULL REFERENCES rounds (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    action     TEXT NOT NULL,
    cluster_id BIGINT REFERENCES clusters (id),
    detail     TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX funnel_log_by_round ON funnel_log (round_id, id DESC);
CREATE FUNCTION funnel_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'funnel_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funnel_log_append_only BEFORE UPDATE OR DELETE ON funnel_log
FOR EACH ROW EXECUTE FUNCTION funnel_log_append_only();
