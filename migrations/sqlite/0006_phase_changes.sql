-- Every change of a round's phase: who, when, and why (required when a
-- phase is reopened). Keep in step with ../postgres/0006_phase_changes.sql.

CREATE TABLE phase_changes (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES rounds (id),
    from_phase TEXT NOT NULL,
    to_phase   TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    changed_by INTEGER REFERENCES accounts (id),
    changed_at TEXT NOT NULL
);
CREATE INDEX phase_changes_by_round ON phase_changes (round_id, id);
