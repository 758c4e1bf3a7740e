-- Accounts, sessions, invitations, co-moderators, sign-in throttling, the
-- audit log; residents' optional nickname and contact address; withdrawn
-- and hidden ideas. Keep in step with ../sqlite/0002_accounts.sql.

CREATE TABLE organisations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE accounts (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL
        CHECK (role IN ('admin', 'staff', 'experience_expert', 'partner')),
    organisation_id     BIGINT REFERENCES organisations (id),
    password_hash       TEXT NOT NULL,
    -- The shared TOTP secret must be readable to check codes.
    totp_secret         TEXT,
    totp_pending_secret TEXT,
    totp_last_step      BIGINT,
    created_at          TIMESTAMPTZ NOT NULL,
    disabled_at         TIMESTAMPTZ
);

CREATE TABLE recovery_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    code_hash  TEXT NOT NULL,
    used_at    TIMESTAMPTZ,
    UNIQUE (account_id, code_hash)
);

-- Only the hash of a session id is stored.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    stage        TEXT NOT NULL CHECK (stage IN ('second_factor', 'signed_in')),
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE invites (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    email           TEXT NOT NULL,
    role            TEXT
        CHECK (role IN ('admin', 'staff', 'experience_expert', 'partner')),
    organisation_id BIGINT REFERENCES organisations (id),
    account_id      BIGINT REFERENCES accounts (id),
    created_by      BIGINT REFERENCES accounts (id),
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ
);

CREATE TABLE co_moderators (
    round_id     BIGINT NOT NULL REFERENCES rounds (id),
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    appointed_by BIGINT REFERENCES accounts (id),
    appointed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_id, account_id)
);

-- key_hash: a hash of the account's email or of the client's address.
CREATE TABLE login_failures (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_hash TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key_hash, at);

CREATE TABLE audit_log (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                 TIMESTAMPTZ NOT NULL,
    event              TEXT NOT NULL,
    actor_account_id   BIGINT REFERENCES accounts (id),
    subject_account_id BIGINT REFERENCES accounts (id),
    round_id           BIGINT REFERENCES rounds (id),
    detail             TEXT NOT NULL DEFAULT ''
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

ALTER TABLE participants ADD COLUMN nickname TEXT;
ALTER TABLE participants ADD COLUMN account_id BIGINT REFERENCES accounts (id);
CREATE UNIQUE INDEX participants_by_account ON participants (account_id);

-- Kept apart from the participant, never shown, deletable.
CREATE TABLE participant_contacts (
    participant_id BIGINT PRIMARY KEY REFERENCES participants (id),
    email          TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

ALTER TABLE ideas ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE ideas ADD COLUMN hidden_at TIMESTAMPTZ;
ALTER TABLE ideas ADD COLUMN hidden_reason TEXT;
ALTER TABLE ideas ADD COLUMN hidden_by BIGINT REFERENCES accounts (id);
