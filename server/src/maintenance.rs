//! Deleting what the privacy page promises not to keep: expired sessions,
//! old sign-in failures, residents' contact addresses past their time.
//! Runs in every app server; the deletes are idempotent.

use chrono::Utc;
use domain::retention;
use std::time::Duration;
use store::Db;

const EVERY: Duration = Duration::from_secs(15 * 60);

pub async fn run(db: Db) {
    let mut interval = tokio::time::interval(EVERY);
    loop {
        interval.tick().await;
        if let Err(error) = purge(&db).await {
            tracing::warn!(%error, "clean-up failed; will try again");
        }
    }
}

pub async fn purge(db: &Db) -> Result<(), store::StoreError> {
    let now = Utc::now();
    let sessions = store::session::purge(db, now, now - retention::SESSION_IDLE).await?;
    let failures = store::login_failure::purge(db, now - retention::LOGIN_FAILURES_KEPT).await?;
    // Sign-ins at the provider nobody came back from.
    let provider_sign_ins = store::provider_sign_in::purge(db, now).await?;
    let emails =
        store::participant::purge_contact_emails(db, now - retention::CONTACT_EMAIL_KEPT).await?;
    let dream_contacts =
        store::moderation::purge_dream_contacts(db, now - retention::DREAM_CONTACT_KEPT).await?;
    tracing::info!(
        sessions,
        failures,
        provider_sign_ins,
        emails,
        dream_contacts,
        "expired data deleted"
    );
    Ok(())
}
