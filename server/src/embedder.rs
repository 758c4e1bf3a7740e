//! Embedding ideas in the background, when `TRECHTER_EMBEDDINGS_URL` is
//! set. An idea is stored and acknowledged without waiting for this: every
//! app server runs an embedder that claims ideas without a vector (see
//! `store::embedding`), asks the endpoint for their vectors and stores
//! them. While the endpoint is down, the ideas wait, longer each time, and
//! the suggestions work from the words alone.

use analysis::embeddings::{BATCH, Client};
use app::web::meaning::Meaning;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use store::{Db, embedding};

/// How long claimed ideas are left to one embedder before another may try.
pub const LEASE: Duration = Duration::minutes(2);
/// How long to wait after the endpoint failed, at first and at most.
pub const FIRST_WAIT: Duration = Duration::seconds(10);
const LONGEST_WAIT: Duration = Duration::minutes(10);
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Endpoint(#[from] analysis::embeddings::Error),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

pub struct Embedder {
    client: Arc<Client>,
    /// The endpoint's model, learnt from its first answer: a vector is
    /// only used with others of the same model.
    model: Option<String>,
    wait: Duration,
    /// Told whether the endpoint answers, and with which model: the app
    /// server's indexes use that model's vectors only while it does.
    meaning: Arc<Meaning>,
}

impl Embedder {
    pub fn new(url: &str) -> Embedder {
        Embedder::reporting_to(url, Arc::new(Meaning::new(true)))
    }

    /// An embedder that keeps an app server's `meaning` up to date.
    pub fn reporting_to(url: &str, meaning: Arc<Meaning>) -> Embedder {
        Embedder {
            client: Arc::new(Client::new(url)),
            model: None,
            wait: FIRST_WAIT,
            meaning,
        }
    }

    async fn embed(&self, texts: Vec<String>) -> Result<analysis::embeddings::Embedded, Error> {
        let client = Arc::clone(&self.client);
        let embedded = tokio::task::spawn_blocking(move || {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            client.embed(&texts)
        })
        .await
        .expect("the embeddings client does not panic");
        match &embedded {
            Ok(embedded) => self.meaning.answered(&embedded.model),
            Err(_) => self.meaning.failed(),
        }
        Ok(embedded?)
    }

    /// The endpoint's model name.
    pub async fn model(&mut self) -> Result<String, Error> {
        if let Some(model) = &self.model {
            return Ok(model.clone());
        }
        let model = self.embed(vec!["query".to_owned()]).await?.model;
        self.model = Some(model.clone());
        Ok(model)
    }

    /// Claims one batch, embeds it and stores the vectors: how many were
    /// stored. On failure the batch waits, longer after each failure.
    pub async fn pass(&mut self, db: &Db) -> Result<usize, Error> {
        self.pass_at(db, Utc::now()).await
    }

    /// [`Self::pass`] as if it were `now`, for tests of leases and waits.
    pub async fn pass_at(&mut self, db: &Db, now: DateTime<Utc>) -> Result<usize, Error> {
        let model = self.model().await?;
        let claimed = embedding::claim_missing(db, &model, now, now + LEASE, BATCH as i64).await?;
        if claimed.is_empty() {
            return Ok(0);
        }
        let texts = claimed.iter().map(|p| p.text.clone()).collect();
        match self.embed(texts).await {
            Ok(embedded) => {
                self.wait = FIRST_WAIT;
                if embedded.model != model {
                    // The endpoint now runs another model: start over with it.
                    self.model = Some(embedded.model.clone());
                }
                let at = now;
                let mut stored = 0;
                for (pending, vector) in claimed.iter().zip(&embedded.vectors) {
                    if embedding::save(
                        db,
                        pending.idea_id,
                        &pending.text,
                        &embedded.model,
                        vector,
                        at,
                    )
                    .await?
                    {
                        stored += 1;
                    }
                }
                Ok(stored)
            }
            Err(error) => {
                let ids: Vec<i64> = claimed.iter().map(|p| p.idea_id).collect();
                embedding::failed(db, &ids, &error.to_string(), now + self.wait).await?;
                self.wait = (self.wait * 2).min(LONGEST_WAIT);
                Err(error)
            }
        }
    }
}

/// The background embedder of `serve`: runs until the server stops.
pub async fn run(db: Db, url: String, meaning: Arc<Meaning>) {
    let mut embedder = Embedder::reporting_to(&url, meaning);
    let mut reported = false;
    loop {
        match embedder.pass(&db).await {
            Ok(0) => tokio::time::sleep(POLL).await,
            Ok(_) => reported = false,
            Err(error) => {
                if !reported {
                    tracing::warn!(%error, "embedding ideas failed: suggestions use the words alone until it works again");
                    reported = true;
                }
                tokio::time::sleep(POLL.max(embedder.wait.to_std().unwrap_or(POLL))).await;
            }
        }
    }
}

/// `trechter embed`: embeds every idea still without a vector, with a
/// progress line, and stops at the first failure.
pub async fn fill_in(db: &Db, url: &str) -> Result<i64, Error> {
    let mut embedder = Embedder::new(url);
    let model = embedder.model().await?;
    let total = embedding::missing(db, &model).await?;
    let mut done = 0i64;
    println!("{total} ideas to embed with {model}");
    loop {
        let stored = embedder.pass(db).await? as i64;
        if stored == 0 && embedding::missing(db, &model).await? == 0 {
            break;
        }
        if stored == 0 {
            // What is left is held by another server's lease or waits after
            // a failure there.
            tokio::time::sleep(POLL).await;
            continue;
        }
        done += stored;
        println!("embedded {done} of {total}");
    }
    Ok(done)
}
