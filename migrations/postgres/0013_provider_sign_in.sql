-- Staff signing in through the municipality's OpenID provider. An account
-- is linked to the person at the provider (issuer and subject) on their
-- first sign-in; a session remembers that it came from the provider, and
-- whether that sign-in met the required strong authentication (it then
-- counts as the second factor). A sign-in under way waits in
-- provider_logins, keyed by the hash of a cookie in the browser that
-- started it, and is used once.
-- Keep in step with ../sqlite/0013_provider_sign_in.sql.

ALTER TABLE accounts ADD COLUMN provider_subject TEXT;
CREATE UNIQUE INDEX accounts_by_provider_subject ON accounts (provider_subject);

ALTER TABLE sessions ADD COLUMN via_provider BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sessions ADD COLUMN strong BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE provider_logins (
    browser_hash  TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    back          TEXT NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
