-- Accounts, sessions, invitations, co-moderators, sign-in throttling, the
-- audit log; residents' optional nickname and contact address; withdrawn
-- and hidden ideas. Keep in step with ../postgres/0002_accounts.sql.

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL
        CHECK (role IN ('admin', 'staff', 'experience_expert', 'partner')),
    organisation_id     INTEGER REFERENCES organisations (id),
    password_hash       TEXT NOT NULL,
    -- The shared TOTP secret must be readable to check codes.
    totp_secret         TEXT,
    totp_pending_secret TEXT,
    totp_last_step      INTEGER,
    created_at          TEXT NOT NULL,
    disabled_at         TEXT
);

CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    UNIQUE (account_id, code_hash)
);

-- Only the hash of a session id is stored.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    stage        TEXT NOT NULL CHECK (stage IN ('second_factor', 'signed_in')),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE invites (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    email           TEXT NOT NULL,
    role            TEXT
        CHECK (role IN ('admin', 'staff', 'experience_expert', 'partner')),
    organisation_id INTEGER REFERENCES organisations (id),
    account_id      INTEGER REFERENCES accounts (id),
    created_by      INTEGER REFERENCES accounts (id),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT
);

CREATE TABLE co_moderators (
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    appointed_by INTEGER REFERENCES accounts (id),
    appointed_at TEXT NOT NULL,
    PRIMARY KEY (round_id, account_id)
);

-- key_hash: a hash of the account's email or of the client's address.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    key_hash TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key_hash, at);

CREATE TABLE audit_log (
    id                 INTEGER PRIMARY KEY,
    at                 TEXT NOT NULL,
    event              TEXT NOT NULL,
    actor_account_id   INTEGER REFERENCES accounts (id),
    subject_account_id INTEGER REFERENCES accounts (id),
    round_id           INTEGER REFERENCES rounds (id),
    detail             TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

ALTER TABLE participants ADD COLUMN nickname TEXT;
ALTER TABLE participants ADD COLUMN account_id INTEGER REFERENCES accounts (id);
CREATE UNIQUE INDEX participants_by_account ON participants (account_id);

-- Kept apart from the participant, never shown, deletable.
CREATE TABLE participant_contacts (
    participant_id INTEGER PRIMARY KEY REFERENCES participants (id),
    email          TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

ALTER TABLE ideas ADD COLUMN withdrawn_at TEXT;
ALTER TABLE ideas ADD COLUMN hidden_at TEXT;
ALTER TABLE ideas ADD COLUMN hidden_reason TEXT;
ALTER TABLE ideas ADD COLUMN hidden_by INTEGER REFERENCES accounts (id);
