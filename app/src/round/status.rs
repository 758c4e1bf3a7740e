//! Follows a participant's ideas through their rounds for the receipt and
//! "Mijn inbreng": each idea's fate in the plan and the newest progress
//! of the items it is in, read in two statements for all their ideas.

use crate::components::idea_status::ItemProgressView;
use crate::components::receipt::ReceiptView;
use domain::ReceiptCode;
use domain::idea_status::{self, IdeaStatus};
use domain::plan::Fate;
use std::collections::{BTreeMap, HashMap};
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
        fates: fates(places),
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
                crate::round::similar::like(
                    state,
                    idea.round_id,
                    idea.text.clone(),
                    Some(idea.id),
                    &hash,
                )
                .await
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

/// Each idea's fate from the rows of [`store::plan::idea_places`].
pub fn fates(places: Vec<store::plan::IdeaPlace>) -> HashMap<i64, Fate> {
    let mut by_idea: BTreeMap<i64, Vec<store::plan::IdeaPlace>> = BTreeMap::new();
    for place in places {
        by_idea.entry(place.idea_id).or_default().push(place);
    }
    by_idea
        .into_iter()
        .map(|(idea, rows)| {
            let first = &rows[0];
            let items: Vec<(u32, String, Vec<i64>)> = rows
                .iter()
                .filter_map(|r| {
                    Some((
                        u32::try_from(r.item_position?).ok()?,
                        r.item_title.clone()?,
                        r.cluster_id.into_iter().collect(),
                    ))
                })
                .collect();
            let left_out: BTreeMap<i64, String> = first
                .cluster_id
                .zip(first.left_out_reason.clone())
                .into_iter()
                .collect();
            let fate = domain::plan::fate(
                first.cluster_id,
                first
                    .set_aside
                    .as_deref()
                    .map(|reason| (reason, first.set_aside_note.as_deref())),
                &items,
                &left_out,
            );
            (idea, fate)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::plan::IdeaPlace;

    fn place(idea: i64, cluster: Option<i64>, item: Option<(i64, &str)>) -> IdeaPlace {
        IdeaPlace {
            idea_id: idea,
            cluster_id: cluster,
            set_aside: None,
            set_aside_note: None,
            item_id: item.map(|(p, _)| 100 + p),
            item_position: item.map(|(p, _)| p),
            item_title: item.map(|(_, t)| t.to_owned()),
            left_out_reason: None,
        }
    }

    #[test]
    fn an_idea_traces_to_every_item_its_cluster_is_in() {
        let mut left_out = place(3, Some(9), None);
        left_out.left_out_reason = Some("Landelijk beleid.".into());
        let mut aside = place(4, None, None);
        aside.set_aside = Some("other".into());
        aside.set_aside_note = Some("Dit regelt de school al.".into());
        let fates = fates(vec![
            place(1, Some(5), Some((2, "Sportpas"))),
            place(1, Some(5), Some((1, "Zwemles"))),
            place(2, None, None),
            left_out,
            aside,
        ]);
        assert_eq!(
            fates[&1],
            Fate::InPlan(vec![(1, "Zwemles".into()), (2, "Sportpas".into())])
        );
        assert_eq!(fates[&2], Fate::Open);
        assert_eq!(fates[&3], Fate::NotTakenUp("Landelijk beleid.".into()));
        assert_eq!(
            fates[&4],
            Fate::SetAside {
                reason: "other".into(),
                note: Some("Dit regelt de school al.".into())
            }
        );
    }
}
