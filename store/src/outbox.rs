//! Mail waiting to be sent. Whoever wants to send a mail puts it here; a
//! sender task in every app
//! server delivers it and retries while the mail server is away, so no mail
//! is lost when it is down or the app restarts.

use crate::{Db, Engine, StoreError, read, write};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

pub async fn enqueue(db: &Db, mail: NewMail, at: DateTime<Utc>) -> Result<i64, StoreError> {
    write!(db, |conn| {
        let id = sqlx::query_scalar(
            "INSERT INTO mail_outbox (to_address, subject, body, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
        Ok(id)
    })
}

/// Claims up to `limit` mails that are due, pushing their next attempt to
/// `lease_until` so that another app server does not send them at the same
/// time. A server that dies mid-send leaves them to be tried again then.
pub async fn claim_due(
    db: &Db,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Mail>, StoreError> {
    let skip_locked = if db.engine() == Engine::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let pick = format!(
        "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $2{skip_locked}"
    );
    write!(db, |conn| {
        let ids: Vec<i64> = sqlx::query_scalar(&pick)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?;
        let mut mails = Vec::with_capacity(ids.len());
        for id in ids {
            let mail: Mail = sqlx::query_as(
                "UPDATE mail_outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id = $2
                 RETURNING id, to_address, subject, body, attempts",
            )
            .bind(lease_until)
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
            mails.push(mail);
        }
        Ok(mails)
    })
}

pub async fn mark_sent(db: &Db, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "UPDATE mail_outbox SET sent_at = $1, body = '', last_error = NULL WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: String,
    next_attempt_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE mail_outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
            .bind(error)
            .bind(next_attempt_at)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Mails not yet delivered, for health and tests.
pub async fn pending(db: &Db) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
            .fetch_one(pool)
            .await
    })?)
}
