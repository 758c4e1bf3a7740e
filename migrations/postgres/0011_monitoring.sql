-- Monitoring moments: staff take a dated snapshot of where every item of
-- a challenge's final plans stands, so the council can compare moments
-- and see what moved. Snapshots never change afterwards.
-- Keep in step with ../sqlite/0011_monitoring.sql.

CREATE TABLE monitoring_moments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id BIGINT NOT NULL REFERENCES challenges (id),
    label        TEXT NOT NULL,
    -- The moment the states are read as of (progress updates written
    -- up to and including it).
    taken_at     TIMESTAMPTZ NOT NULL,
    taken_by     BIGINT NOT NULL REFERENCES accounts (id),
    UNIQUE (challenge_id, label)
);
CREATE INDEX monitoring_moments_by_challenge ON monitoring_moments (challenge_id, taken_at DESC);

CREATE TABLE monitoring_states (
    moment_id BIGINT NOT NULL REFERENCES monitoring_moments (id),
    item_id   BIGINT NOT NULL REFERENCES plan_items (id),
    status    TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'stopped')),
    PRIMARY KEY (moment_id, item_id)
);

CREATE FUNCTION monitoring_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER monitoring_moments_append_only BEFORE UPDATE OR DELETE ON monitoring_moments
FOR EACH ROW EXECUTE FUNCTION monitoring_append_only();
CREATE TRIGGER monitoring_states_append_only BEFORE UPDATE OR DELETE ON monitoring_states
FOR EACH ROW EXECUTE FUNCTION monitoring_append_only();
