//! What this app server knows of the embeddings endpoint
//! (`TRECHTER_EMBEDDINGS_URL`): whether one is set, the model it runs and
//! whether it answered last time. The server's embedder keeps it up to
//! date; indexes use the stored vectors of that model, and the workspace
//! tells staff when suggestions work from the words alone.

use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Meaning {
    configured: bool,
    known: Mutex<Known>,
}

#[derive(Debug, Default)]
struct Known {
    model: Option<String>,
    down: bool,
}

/// The endpoint as staff are told about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// No endpoint is set: suggestions work from the words, as intended.
    Off,
    /// Set, but it has not answered (yet, or since its last failure).
    Down,
    /// It answers with this model.
    Up(String),
}

impl Meaning {
    /// An endpoint is set (`true`) or not.
    pub fn new(configured: bool) -> Meaning {
        Meaning {
            configured,
            known: Mutex::default(),
        }
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The endpoint answered with vectors of `model`.
    pub fn answered(&self, model: &str) {
        let mut known = self.known();
        known.down = false;
        if known.model.as_deref() != Some(model) {
            known.model = Some(model.to_owned());
        }
    }

    /// The endpoint failed to answer.
    pub fn failed(&self) {
        self.known().down = true;
    }

    pub fn status(&self) -> Status {
        let known = self.known();
        match (&known.model, known.down || !self.configured) {
            _ if !self.configured => Status::Off,
            (Some(model), false) => Status::Up(model.clone()),
            _ => Status::Down,
        }
    }

    /// The model whose vectors to use: only while the endpoint answers,
    /// so a round's index is the words alone while it is down.
    pub fn model(&self) -> Option<String> {
        match self.status() {
            Status::Up(model) => Some(model),
            Status::Off | Status::Down => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_is_used_only_while_the_endpoint_answers() {
        let off = Meaning::new(false);
        off.answered("e5");
        assert_eq!(off.status(), Status::Off);
        let meaning = Meaning::new(true);
        assert_eq!(meaning.status(), Status::Down, "not asked yet");
        meaning.answered("e5");
        assert_eq!(meaning.model().as_deref(), Some("e5"));
        meaning.failed();
        assert_eq!(meaning.status(), Status::Down);
        assert_eq!(meaning.model(), None);
        meaning.answered("e5-large");
        assert_eq!(meaning.status(), Status::Up("e5-large".to_owned()));
    }
}
