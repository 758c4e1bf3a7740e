//! Signing in through the municipality's OpenID provider: the sign-ins
//! under way, what Trechter knows of the person who comes back, and
//! letting them in (`domain::provider_sign_in` decides who may).

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Role;
use domain::provider_sign_in::{Admission, Known, KnownAccount};

/// A sign-in sent to the provider, waiting for the person to come back.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go afterwards (a local path).
    pub back: String,
}

pub async fn start(
    db: &Db,
    browser_hash: String,
    pending: Pending,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO provider_logins (browser_hash, state, nonce, pkce_verifier, back, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(browser_hash)
        .bind(pending.state)
        .bind(pending.nonce)
        .bind(pending.pkce_verifier)
        .bind(pending.back)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// The sign-in this browser started, if it has not expired; taken, so
/// that the same answer from the provider cannot be used twice.
pub async fn take(
    db: &Db,
    browser_hash: String,
    now: DateTime<Utc>,
) -> Result<Option<Pending>, StoreError> {
    write!(db, |conn| {
        Ok(sqlx::query_as(
            "DELETE FROM provider_logins WHERE browser_hash = $1 AND expires_at > $2
             RETURNING state, nonce, pkce_verifier, back",
        )
        .bind(browser_hash)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?)
    })
}

/// Deletes sign-ins nobody came back from.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM provider_logins WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    #[sqlx(try_from = "String")]
    role: Role,
    linked: bool,
    blocked: bool,
}

impl From<AccountRow> for KnownAccount {
    fn from(row: AccountRow) -> KnownAccount {
        KnownAccount {
            id: row.id,
            role: row.role,
            linked: row.linked,
            blocked: row.blocked,
        }
    }
}

const KNOWN_COLUMNS: &str = "SELECT id, role, provider_subject IS NOT NULL AS linked,
     disabled_at IS NOT NULL AS blocked FROM accounts";

/// The account linked to `subject`, the account with `email` and an open
/// invitation to `email`.
pub async fn known(
    db: &Db,
    subject: &str,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Known, StoreError> {
    let by_subject = format!("{KNOWN_COLUMNS} WHERE provider_subject = $1");
    let by_email = format!("{KNOWN_COLUMNS} WHERE email = $1");
    let email = email.unwrap_or_default();
    let (linked, by_email, invited_as): (
        Option<AccountRow>,
        Option<AccountRow>,
        Option<Option<String>>,
    ) = read!(db, |pool| {
        let linked = sqlx::query_as(&by_subject)
            .bind(subject)
            .fetch_optional(pool)
            .await?;
        let by_email = sqlx::query_as(&by_email)
            .bind(email)
            .fetch_optional(pool)
            .await?;
        let invited_as = sqlx::query_scalar(
            "SELECT role FROM invites WHERE email = $1 AND purpose = 'invite'
                   AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(email)
        .bind(now)
        .fetch_optional(pool)
        .await?;
        Ok::<_, sqlx::Error>((linked, by_email, invited_as))
    })?;
    Ok(Known {
        linked: linked.map(KnownAccount::from),
        by_email: by_email.map(KnownAccount::from),
        // An invitation without a role is a partner's (as `invite::accept`).
        invited_as: invited_as
            .map(|r| r.unwrap_or_else(|| Role::Partner.code().to_owned()))
            .and_then(|r| Role::try_from(r).ok()),
    })
}

/// The person as the provider names them, for a new account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Newcomer {
    pub subject: String,
    pub email: String,
    pub display_name: String,
}

/// Lets the person in as `admission` says: links, changes the role, or
/// makes the account. The account's id, or `None` when what was decided
/// no longer holds (another sign-in linked the account or used the
/// invitation meanwhile).
pub async fn enter(
    db: &Db,
    admission: Admission,
    person: Newcomer,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    write!(db, |conn| {
        match admission {
            Admission::Linked {
                account_id,
                new_role,
            }
            | Admission::LinkByEmail {
                account_id,
                new_role,
            } => {
                if matches!(admission, Admission::LinkByEmail { .. }) {
                    let linked = sqlx::query(
                        "UPDATE accounts SET provider_subject = $1
                         WHERE id = $2 AND provider_subject IS NULL",
                    )
                    .bind(&person.subject)
                    .bind(account_id)
                    .execute(&mut *conn)
                    .await?;
                    if linked.rows_affected() == 0 {
                        return Ok(None);
                    }
                }
                if let Some(role) = new_role {
                    sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
                        .bind(role.code())
                        .bind(account_id)
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(Some(account_id))
            }
            Admission::FromInvite { role } | Admission::Mapped { role } => {
                // An invitation gives its organisation (a partner's) and is
                // used up; a mapped role needs none.
                let organisation_id: Option<Option<i64>> = sqlx::query_scalar(
                    "UPDATE invites SET used_at = $1
                     WHERE email = $2 AND purpose = 'invite' AND used_at IS NULL
                       AND expires_at > $1
                     RETURNING organisation_id",
                )
                .bind(now)
                .bind(&person.email)
                .fetch_optional(&mut *conn)
                .await?;
                if matches!(admission, Admission::FromInvite { .. }) && organisation_id.is_none() {
                    return Ok(None);
                }
                // No password: this account signs in at the provider.
                let created: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO accounts (email, display_name, role, organisation_id,
                                           password_hash, provider_subject, created_at)
                     VALUES ($1, $2, $3, $4, '', $5, $6)
                     ON CONFLICT DO NOTHING RETURNING id",
                )
                .bind(&person.email)
                .bind(&person.display_name)
                .bind(role.code())
                .bind(organisation_id.flatten())
                .bind(&person.subject)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
                // Taken meanwhile: roll back, so the invitation stays open.
                created.map(Some).ok_or(StoreError::Conflict)
            }
            Admission::Refused(_) => Ok(None),
        }
    })
    .or_else(|error| match error {
        StoreError::Conflict => Ok(None),
        other => Err(other),
    })
}
