//! Accounts of admins, staff, experience experts and partners; their
//! second factor and recovery codes; partner organisations.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Role;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub second_factor: bool,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// What signing in needs: never shown anywhere.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_pending_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub disabled_at: Option<DateTime<Utc>>,
}

const ACCOUNT_COLUMNS: &str = "a.id, a.email, a.display_name, a.role, a.organisation_id,
     o.name AS organisation_name, a.totp_secret IS NOT NULL AS second_factor,
     a.created_at, a.disabled_at
     FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id";

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Account>, StoreError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} WHERE a.id = $1");
    Ok(read!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

pub async fn all(db: &Db) -> Result<Vec<Account>, StoreError> {
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} ORDER BY a.disabled_at IS NOT NULL, a.role, a.display_name"
    );
    Ok(read!(db, |pool| sqlx::query_as(&sql)
        .fetch_all(pool)
        .await)?)
}

/// Enabled experience experts: the people staff can make co-moderator.
pub async fn experience_experts(db: &Db) -> Result<Vec<Account>, StoreError> {
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} WHERE a.role = 'experience_expert' AND a.disabled_at IS NULL
         ORDER BY a.display_name"
    );
    Ok(read!(db, |pool| sqlx::query_as(&sql)
        .fetch_all(pool)
        .await)?)
}

pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT id, role, password_hash, totp_secret, totp_pending_secret, totp_last_step,
                    disabled_at
             FROM accounts WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(pool)
        .await
    })?)
}

pub async fn credentials_by_id(db: &Db, id: i64) -> Result<Option<Credentials>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT id, role, password_hash, totp_secret, totp_pending_secret, totp_last_step,
                    disabled_at
             FROM accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    })?)
}

pub async fn count_admins(db: &Db) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL",
        )
        .fetch_one(pool)
        .await
    })?)
}

pub async fn set_password_hash(db: &Db, id: i64, hash: String) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Changes a role. Leaving the experience expert role ends co-moderation.
pub async fn set_role(db: &Db, id: i64, role: Role) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
            .bind(role.code())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if role != Role::ExperienceExpert {
            sqlx::query("DELETE FROM co_moderators WHERE account_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

/// Blocks or unblocks an account; blocking ends all its sessions.
pub async fn set_disabled(
    db: &Db,
    id: i64,
    disabled_at: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE accounts SET disabled_at = $1 WHERE id = $2")
            .bind(disabled_at)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if disabled_at.is_some() {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

/// Stores a secret being set up, until the first code confirms it.
pub async fn set_pending_second_factor(db: &Db, id: i64, secret: String) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE accounts SET totp_pending_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Turns the pending secret on, with fresh recovery codes (hashes).
pub async fn enable_second_factor(
    db: &Db,
    id: i64,
    step: i64,
    recovery_hashes: Vec<String>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "UPDATE accounts SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                                 totp_last_step = $1
             WHERE id = $2 AND totp_pending_secret IS NOT NULL",
        )
        .bind(step)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for hash in &recovery_hashes {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                .bind(id)
                .bind(hash)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

pub async fn disable_second_factor(db: &Db, id: i64) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "UPDATE accounts SET totp_secret = NULL, totp_pending_secret = NULL,
                                 totp_last_step = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Records that a code's time step was used, if no later one was: the
/// database decides, so two servers cannot both accept the same code.
pub async fn claim_totp_step(db: &Db, id: i64, step: i64) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query(
            "UPDATE accounts SET totp_last_step = $1
             WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    })
}

/// Uses up a recovery code; true if it was valid and unused.
pub async fn use_recovery_code(
    db: &Db,
    id: i64,
    code_hash: String,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1
             WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .bind(code_hash)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    })
}

pub async fn unused_recovery_codes(db: &Db, id: i64) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL",
        )
        .bind(id)
        .fetch_one(pool)
        .await
    })?)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
}

pub async fn organisations(db: &Db) -> Result<Vec<Organisation>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as("SELECT id, name FROM organisations ORDER BY name")
            .fetch_all(pool)
            .await
    })?)
}

/// The organisation with this name, created if new.
pub async fn organisation_named(
    db: &Db,
    name: String,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO organisations (name, created_at) VALUES ($1, $2)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(&name)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        let id = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
            .bind(&name)
            .fetch_one(&mut *conn)
            .await?;
        Ok(id)
    })
}

#[derive(Clone, Debug)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

/// Creates an account directly (demo data and tests; people are invited).
/// `None` if the email is taken.
pub async fn create(db: &Db, account: NewAccount) -> Result<Option<i64>, StoreError> {
    write!(db, |conn| {
        let id = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, role, organisation_id, password_hash,
                                   created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(&account.email)
        .bind(&account.display_name)
        .bind(account.role.code())
        .bind(account.organisation_id)
        .bind(&account.password_hash)
        .bind(account.created_at)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(id)
    })
}
