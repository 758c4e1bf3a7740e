-- Monitoring moments: staff take a dated snapshot of where every item of
-- a challenge's final plans stands, so the council can compare moments
-- and see what moved. Snapshots never change afterwards.
-- Keep in step with ../postgres/0011_monitoring.sql.

CREATE TABLE monitoring_moments (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges (id),
    label        TEXT NOT NULL,
    -- The moment the states are read as of (progress updates written
    -- up to and including it).
    taken_at     TEXT NOT NULL,
    taken_by     INTEGER NOT NULL REFERENCES accounts (id),
    UNIQUE (challenge_id, label)
);
CREATE INDEX monitoring_moments_by_challenge ON monitoring_moments (challenge_id, taken_at DESC);

CREATE TABLE monitoring_states (
    moment_id INTEGER NOT NULL REFERENCES monitoring_moments (id),
    item_id   INTEGER NOT NULL REFERENCES plan_items (id),
    status    TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'stopped')),
    PRIMARY KEY (moment_id, item_id)
);

CREATE TRIGGER monitoring_moments_no_update BEFORE UPDATE ON monitoring_moments
BEGIN SELECT RAISE(ABORT, 'monitoring_moments is append-only'); END;
CREATE TRIGGER monitoring_moments_no_delete BEFORE DELETE ON monitoring_moments
BEGIN SELECT RAISE(ABORT, 'monitoring_moments is append-only'); END;
CREATE TRIGGER monitoring_states_no_update BEFORE UPDATE ON monitoring_states
BEGIN SELECT RAISE(ABORT, 'monitoring_states is append-only'); END;
CREATE TRIGGER monitoring_states_no_delete BEFORE DELETE ON monitoring_states
BEGIN SELECT RAISE(ABORT, 'monitoring_states is append-only'); END;
