//! Delivering the mail outbox over SMTP, when an SMTP server is configured.
//! Every app server runs a sender; each claims due mails for a while, so two
//! servers do not send the same mail. A mail that fails is tried again
//! later, waiting longer each time.

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::{Db, outbox};

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// How long a claimed mail is left to its sender before another may try.
const LEASE: Duration = Duration::minutes(5);
const BATCH: i64 = 20;
const POLL: std::time::Duration = std::time::Duration::from_secs(5);

impl Mailer {
    /// `smtp://host:25` (plain), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`.
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP address: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("sender address {from:?}: {e}"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, mail: &outbox::Mail) -> Result<(), String> {
        let to: Mailbox = mail
            .to_address
            .parse()
            .map_err(|e| format!("address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            // Base64 keeps long links whole through any mail server.
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::Base64)
                    .body(mail.body.clone()),
            )
            .map_err(|e| format!("message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The wait before attempt `n + 1`: 1, 2, 4 … minutes, at most six hours.
pub fn backoff(attempts: i64) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 9)).min(Duration::hours(6))
}

/// Sends what is due at `now`; returns how many were delivered.
pub async fn deliver_due(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, store::StoreError> {
    let mails = outbox::claim_due(db, now, now + LEASE, BATCH).await?;
    let mut delivered = 0;
    for mail in mails {
        match mailer.send(&mail).await {
            Ok(()) => {
                outbox::mark_sent(db, mail.id, Utc::now()).await?;
                delivered += 1;
            }
            Err(error) => {
                // The address is personal data: log the mail's id only.
                tracing::warn!(mail = mail.id, attempts = mail.attempts, %error, "mail not delivered; will retry");
                outbox::mark_failed(db, mail.id, error, Utc::now() + backoff(mail.attempts))
                    .await?;
            }
        }
    }
    Ok(delivered)
}

pub async fn run(db: Db, mailer: Mailer) {
    loop {
        match deliver_due(&db, &mailer, Utc::now()).await {
            Ok(0) => tokio::time::sleep(POLL).await,
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "mail outbox unavailable");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_and_has_a_ceiling() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(8));
        assert_eq!(backoff(40), Duration::hours(6));
    }
}
