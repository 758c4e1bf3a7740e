//! A challenge's dashboard figures, kept for a short while. They count
//! every idea, support, reaction and update of all its rounds, so the work
//! grows with the data (seconds once there are tens of thousands of
//! reactions), and they are asked for far more often than they change: a
//! council meeting opens the dashboard all at once. Each app server keeps
//! its own copy; a figure is at most `max_age` old, as the open-data API's
//! `Cache-Control` already allows. Misses are computed one at a time, so a
//! crowd arriving at once costs one computation, not one each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use store::insight::Dashboard;
use store::{Db, StoreError};

pub struct FiguresCache {
    max_age: Duration,
    kept: Mutex<HashMap<i64, (Instant, Arc<Dashboard>)>>,
    computing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for FiguresCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FiguresCache")
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

impl FiguresCache {
    /// `max_age` zero keeps nothing: every request counts afresh.
    pub fn new(max_age: Duration) -> FiguresCache {
        FiguresCache {
            max_age,
            kept: Mutex::default(),
            computing: tokio::sync::Mutex::new(()),
        }
    }

    fn fresh(&self, challenge_id: i64) -> Option<Arc<Dashboard>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(&challenge_id)
            .filter(|(at, _)| at.elapsed() < self.max_age)
            .map(|(_, figures)| Arc::clone(figures))
    }

    pub async fn dashboard(
        &self,
        db: &Db,
        challenge_id: i64,
    ) -> Result<Arc<Dashboard>, StoreError> {
        if self.max_age.is_zero() {
            return Ok(Arc::new(store::insight::dashboard(db, challenge_id).await?));
        }
        if let Some(figures) = self.fresh(challenge_id) {
            return Ok(figures);
        }
        let _turn = self.computing.lock().await;
        // Whoever computed while this request waited has left it here.
        if let Some(figures) = self.fresh(challenge_id) {
            return Ok(figures);
        }
        let figures = Arc::new(store::insight::dashboard(db, challenge_id).await?);
        self.kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(challenge_id, (Instant::now(), Arc::clone(&figures)));
        Ok(figures)
    }
}
