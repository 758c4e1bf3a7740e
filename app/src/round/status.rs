//! Follows a participant's ideas through their rounds for the receipt and
//! "Mijn inbreng": each idea's fate in the plan and the newest progress
//! of the items it is in, read in two statements for all their ideas.

use crate::components::idea_status::ItemProgressView;
use crate::components::receipt::ReceiptView;
use domain::ReceiptCode;
use domain::idea_status::{self, IdeaStatus};
use domain::plan::Fate;
use std::collections::HashMap;
use store::idea::OwnIdea;
use store::{Db, StoreError};

pub struct Followed {
    fates: HashMap<i64, Fate>,
    progress: HashMap<i64, Vec<ItemProgressView>>,
}

pub async fn follow(db: &Db, code_hash: &str) -> Result<Followed, StoreError> {
    let (places, updates) = tokio::try_join!(
        store::plan::idea_places(db, code_hash),
        store::progress::own_progress(db, code_hash),
    )?;
    let newest: HashMap<i64, &store::progress::OwnProgress> =
        updates.iter().map(|u| (u.item_id, u)).collect();
    let mut progress: HashMap<i64, Vec<ItemProgressView>> = HashMap::new();
    for place in &places {
        let (Some(item_id), Some(position)) = (place.item_id, place.item_position) else {
            continue;
        };
        let Some(update) = newest.get(&item_id) else {
            continue;
        };
        progress
            .entry(place.idea_id)
            .or_default()
            .push(ItemProgressView {
                item_id,
                number: u32::try_from(position).unwrap_or_default(),
                status: update.status.clone(),
                note: update.note.clone(),
                at: update.written_at,
            });
    }
    Ok(Followed {
        fates: crate::plan::server::fates(places),
        progress,
    })
}

impl Followed {
    /// The idea's status and the progress of the items it is in.
    pub fn of(&self, idea: &OwnIdea) -> (IdeaStatus, Vec<ItemProgressView>) {
        let status = idea_status::status(
            idea.round_phase,
            idea.withdrawn_at.is_some(),
            idea.hidden_at.is_some(),
            idea.theme_title.as_deref(),
            self.fates.get(&idea.id).cloned(),
        );
        let progress = match status {
            IdeaStatus::Answered(Fate::InPlan(_)) => {
                self.progress.get(&idea.id).cloned().unwrap_or_default()
            }
            _ => Vec::new(),
        };
        (status, progress)
    }
}

/// The receipt of one of the participant's ideas, as it stands now.
/// Similar ideas to support instead are offered only while the round
/// collects.
pub async fn receipt(
    state: &crate::web::AppState,
    idea: OwnIdea,
    code: &ReceiptCode,
    duplicate: bool,
) -> Result<ReceiptView, StoreError> {
    let db = &state.db;
    let hash = code.lookup_hash();
    let collecting = idea.round_phase == domain::Phase::Collecting;
    let (similar, followed, profile) = tokio::try_join!(
        async {
            if collecting {
                crate::round::similar::like(state, idea.round_id, idea.text.clone(), &hash).await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if collecting {
                Ok(None)
            } else {
                follow(db, &hash).await.map(Some)
            }
        },
        store::participant::profile(db, &hash),
    )?;
    let (status, progress) = match &followed {
        Some(followed) => followed.of(&idea),
        None => (IdeaStatus::Received, Vec::new()),
    };
    Ok(ReceiptView {
        round_open: idea.round_phase != domain::Phase::Closed,
        has_email: profile.is_some_and(|p| p.has_contact_email),
        back: format!("/ontvangen/{}", idea.id),
        idea_text: idea.text,
        round_slug: idea.round_slug,
        round_title: idea.round_title,
        challenge_slug: idea.challenge_slug,
        code: code.display(),
        duplicate,
        similar,
        status,
        progress,
    })
}
