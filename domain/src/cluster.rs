//! Clusters (themes): what staff and a round's co-moderators group ideas
//! into while funnelling. An idea is in at most one cluster, set aside with
//! a reason, or not yet placed. People work at the same time, so every
//! change names the version of what it changes; a stale version is a
//! conflict to show, never a silent overwrite.

use crate::idea::field_text;
use crate::{Channel, ContributorGroup, LifeDomain, PolicyDomain};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SUMMARY_CHARS: usize = 1000;
pub const MAX_NOTE_CHARS: usize = 300;
/// Ideas moved in one go: a page never shows more.
pub const MAX_SELECTION: usize = 500;

/// Every error code of this module, for the translation files.
pub const ERROR_CODES: &[&str] = &[
    "title_missing",
    "title_too_long",
    "title_unreadable",
    "summary_too_long",
    "summary_unreadable",
    "nothing_chosen",
    "too_many_chosen",
    "destination_missing",
    "set_aside_reason_missing",
    "note_missing",
    "note_too_long",
    "note_unreadable",
    "conflict",
    "gone",
    "not_open",
    "same_cluster",
];

/// What the workspace log records.
pub const LOG_ACTIONS: &[&str] = &[
    "create",
    "rename",
    "move",
    "unplace",
    "set_aside",
    "merge",
    "remove",
];

/// A cluster's title and summary, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterText {
    pub title: String,
    pub summary: String,
}

/// Checks a title (required) and summary (may be empty); the error is
/// `(field, code)`.
pub fn cluster_text(
    title: &str,
    summary: &str,
) -> Result<ClusterText, (&'static str, &'static str)> {
    let title = match field_text(title, 1, MAX_TITLE_CHARS, true) {
        Ok(title) => title.unwrap_or_default(),
        Err(code) => return Err(("title", title_code(code))),
    };
    // A title is one line: the lists show it as a heading.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = match field_text(summary, 1, MAX_SUMMARY_CHARS, false) {
        Ok(summary) => summary.unwrap_or_default(),
        Err("too_long") => return Err(("summary", "summary_too_long")),
        Err(_) => return Err(("summary", "summary_unreadable")),
    };
    Ok(ClusterText { title, summary })
}

fn title_code(code: &str) -> &'static str {
    match code {
        "missing" | "too_short" => "title_missing",
        "too_long" => "title_too_long",
        _ => "title_unreadable",
    }
}

/// Why an idea is not clustered. Shown to its author later ("not taken
/// up, because …"), so the reasons are few and plain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SetAsideReason {
    /// Not something this challenge or the municipality can act on.
    OutOfScope,
    /// Not about this challenge.
    OffTopic,
    /// Anything else, said in a note.
    Other,
}

impl SetAsideReason {
    pub const ALL: [SetAsideReason; 3] = [
        SetAsideReason::OutOfScope,
        SetAsideReason::OffTopic,
        SetAsideReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SetAsideReason::OutOfScope => "out_of_scope",
            SetAsideReason::OffTopic => "off_topic",
            SetAsideReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<SetAsideReason> {
        SetAsideReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub reason: SetAsideReason,
    pub note: Option<String>,
}

/// Checks a reason to set ideas aside; "other" needs a note.
pub fn set_aside(reason: &str, note: &str) -> Result<SetAside, &'static str> {
    let reason = SetAsideReason::from_code(reason.trim()).ok_or("set_aside_reason_missing")?;
    let note = match field_text(note, 1, MAX_NOTE_CHARS, false) {
        Ok(note) => note,
        Err("too_long") => return Err("note_too_long"),
        Err(_) => return Err("note_unreadable"),
    };
    if reason == SetAsideReason::Other && note.is_none() {
        return Err("note_missing");
    }
    Ok(SetAside { reason, note })
}

/// An idea someone chose, with the version of its place they saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub idea_id: i64,
    pub version: i64,
}

impl Seen {
    /// The value of an idea's checkbox: `id:version`.
    pub fn value(self) -> String {
        format!("{}:{}", self.idea_id, self.version)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionError {
    Empty,
    TooMany,
    /// Not what the form sends: a forged or broken request.
    Unreadable,
}

/// The chosen ideas from checkbox values (`id:version`), each once.
pub fn selection(values: &[String]) -> Result<Vec<Seen>, SelectionError> {
    let mut chosen: Vec<Seen> = Vec::new();
    for value in values {
        let (id, version) = value.split_once(':').ok_or(SelectionError::Unreadable)?;
        let seen = Seen {
            idea_id: id.parse().map_err(|_| SelectionError::Unreadable)?,
            version: version.parse().map_err(|_| SelectionError::Unreadable)?,
        };
        if !chosen.iter().any(|c| c.idea_id == seen.idea_id) {
            chosen.push(seen);
        }
    }
    match chosen.len() {
        0 => Err(SelectionError::Empty),
        n if n > MAX_SELECTION => Err(SelectionError::TooMany),
        _ => Ok(chosen),
    }
}

/// Where chosen ideas go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    NewCluster(ClusterText),
    Cluster(i64),
    Unplaced,
    SetAside(SetAside),
}

/// The destination as the move form names it: `new` (with a title),
/// `cluster-<id>`, `unplaced` or `aside:<reason>`. The reason is part of
/// the choice, so setting ideas aside needs no second field. The error is
/// `(field, code)`; `None` as field means the request was forged.
pub fn destination(
    choice: &str,
    title: &str,
    note: &str,
) -> Result<Destination, (Option<&'static str>, &'static str)> {
    let choice = choice.trim();
    if let Some(reason) = choice
        .strip_prefix("aside")
        .map(|rest| rest.strip_prefix(':').unwrap_or(rest))
    {
        return set_aside(reason, note)
            .map(Destination::SetAside)
            .map_err(|code| {
                let field = if code == "set_aside_reason_missing" {
                    "destination"
                } else {
                    "note"
                };
                (Some(field), code)
            });
    }
    match choice {
        "" => Err((Some("destination"), "destination_missing")),
        "new" => cluster_text(title, "")
            .map(Destination::NewCluster)
            .map_err(|(_, code)| (Some("title"), code)),
        "unplaced" => Ok(Destination::Unplaced),
        other => other
            .strip_prefix("cluster-")
            .and_then(|id| id.parse().ok())
            .map(Destination::Cluster)
            .ok_or((None, "unreadable")),
    }
}

/// One idea of a cluster, as far as its profile goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    pub group: ContributorGroup,
    pub channel: Channel,
    pub supports: i64,
    pub life: Option<LifeDomain>,
    pub policy: Option<PolicyDomain>,
}

/// Who and what a cluster's ideas come from, for the workspace to show
/// whose voices a theme carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub ideas: usize,
    pub supports: i64,
    /// Ideas per group, in [`ContributorGroup::ALL`] order, zeros left out.
    pub groups: Vec<(ContributorGroup, usize)>,
    /// Ideas brought in from paper or a meeting.
    pub offline: usize,
    /// Ideas per life and policy domain, most first, zeros left out.
    pub life: Vec<(LifeDomain, usize)>,
    pub policy: Vec<(PolicyDomain, usize)>,
}

pub fn profile(members: &[Member]) -> Profile {
    let counted = |n: usize| n > 0;
    let groups = ContributorGroup::ALL
        .into_iter()
        .map(|g| (g, members.iter().filter(|m| m.group == g).count()))
        .filter(|(_, n)| counted(*n))
        .collect();
    let mut life: Vec<(LifeDomain, usize)> = LifeDomain::ALL
        .into_iter()
        .map(|d| (d, members.iter().filter(|m| m.life == Some(d)).count()))
        .filter(|(_, n)| counted(*n))
        .collect();
    // Stable: equal counts keep the domains' own order.
    life.sort_by_key(|d| std::cmp::Reverse(d.1));
    let mut policy: Vec<(PolicyDomain, usize)> = PolicyDomain::ALL
        .into_iter()
        .map(|d| (d, members.iter().filter(|m| m.policy == Some(d)).count()))
        .filter(|(_, n)| counted(*n))
        .collect();
    policy.sort_by_key(|d| std::cmp::Reverse(d.1));
    Profile {
        ideas: members.len(),
        supports: members.iter().map(|m| m.supports).sum(),
        groups,
        offline: members
            .iter()
            .filter(|m| m.channel != Channel::Online)
            .count(),
        life,
        policy,
    }
}

/// One idea as the coverage view counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub life: Option<LifeDomain>,
    pub policy: Option<PolicyDomain>,
    pub cluster: Option<i64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub ideas: usize,
    /// Of those, in a cluster.
    pub placed: usize,
    /// Distinct clusters with an idea in this cell.
    pub clusters: usize,
}

/// Ideas and clusters per life domain (rows) × policy domain (columns),
/// with a last row and column for ideas without that label, so empty cells
/// (blind spots) show before the plan is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// `LifeDomain::ALL.len() + 1` rows of `PolicyDomain::ALL.len() + 1`.
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

pub fn coverage(ideas: &[Placed]) -> Coverage {
    let rows = LifeDomain::ALL.len() + 1;
    let columns = PolicyDomain::ALL.len() + 1;
    let row_of = |life: Option<LifeDomain>| {
        life.and_then(|l| LifeDomain::ALL.iter().position(|d| *d == l))
            .unwrap_or(rows - 1)
    };
    let column_of = |policy: Option<PolicyDomain>| {
        policy
            .and_then(|p| PolicyDomain::ALL.iter().position(|d| *d == p))
            .unwrap_or(columns - 1)
    };
    let cell = |keep: &dyn Fn(&Placed) -> bool| {
        let chosen: Vec<&Placed> = ideas.iter().filter(|i| keep(i)).collect();
        let mut clusters: Vec<i64> = chosen.iter().filter_map(|i| i.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
        Cell {
            ideas: chosen.len(),
            placed: chosen.iter().filter(|i| i.cluster.is_some()).count(),
            clusters: clusters.len(),
        }
    };
    let cells = (0..rows)
        .map(|r| {
            (0..columns)
                .map(|c| cell(&|i: &Placed| row_of(i.life) == r && column_of(i.policy) == c))
                .collect()
        })
        .collect();
    Coverage {
        cells,
        row_totals: (0..rows)
            .map(|r| cell(&|i: &Placed| row_of(i.life) == r))
            .collect(),
        column_totals: (0..columns)
            .map(|c| cell(&|i: &Placed| column_of(i.policy) == c))
            .collect(),
        total: cell(&|_| true),
    }
}

/// The key under which a dismissed suggestion is remembered: its ideas,
/// sorted, so the same group of ideas is recognised however it is ordered.
pub fn suggestion_key(ids: &[i64]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_required_one_line_and_limited() {
        assert_eq!(
            cluster_text("  Zwemles \n voor   iedereen ", "")
                .unwrap()
                .title,
            "Zwemles voor iedereen"
        );
        assert_eq!(cluster_text("  ", ""), Err(("title", "title_missing")));
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(cluster_text(&long, ""), Err(("title", "title_too_long")));
        let summary = "y".repeat(MAX_SUMMARY_CHARS + 1);
        assert_eq!(
            cluster_text("Thema", &summary),
            Err(("summary", "summary_too_long"))
        );
        assert_eq!(
            cluster_text("Thema", "Kort\u{0}"),
            Err(("summary", "summary_unreadable"))
        );
    }

    #[test]
    fn setting_aside_needs_a_reason_and_other_needs_a_note() {
        assert_eq!(set_aside("", ""), Err("set_aside_reason_missing"));
        assert_eq!(set_aside("nonsense", ""), Err("set_aside_reason_missing"));
        assert_eq!(set_aside("other", "  "), Err("note_missing"));
        assert_eq!(
            set_aside("off_topic", "").unwrap(),
            SetAside {
                reason: SetAsideReason::OffTopic,
                note: None
            }
        );
        let long = "z".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(set_aside("out_of_scope", &long), Err("note_too_long"));
        assert_eq!(
            set_aside("other", "Gaat over de provincie")
                .unwrap()
                .note
                .as_deref(),
            Some("Gaat over de provincie")
        );
    }

    #[test]
    fn a_selection_is_read_from_checkbox_values() {
        let values = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            selection(&values(&["12:3", "7:0", "12:3"])),
            Ok(vec![
                Seen {
                    idea_id: 12,
                    version: 3
                },
                Seen {
                    idea_id: 7,
                    version: 0
                }
            ])
        );
        assert_eq!(selection(&[]), Err(SelectionError::Empty));
        assert_eq!(selection(&values(&["12"])), Err(SelectionError::Unreadable));
        assert_eq!(
            selection(&values(&["a:1"])),
            Err(SelectionError::Unreadable)
        );
        let many: Vec<String> = (0..=MAX_SELECTION).map(|i| format!("{i}:0")).collect();
        assert_eq!(selection(&many), Err(SelectionError::TooMany));
        assert_eq!(
            Seen {
                idea_id: 5,
                version: 2
            }
            .value(),
            "5:2"
        );
    }

    #[test]
    fn destinations_as_the_form_names_them() {
        assert_eq!(destination("unplaced", "", ""), Ok(Destination::Unplaced));
        assert_eq!(
            destination("cluster-9", "", ""),
            Ok(Destination::Cluster(9))
        );
        assert_eq!(destination("cluster-x", "", ""), Err((None, "unreadable")));
        assert_eq!(
            destination("", "", ""),
            Err((Some("destination"), "destination_missing"))
        );
        assert_eq!(
            destination("new", "", ""),
            Err((Some("title"), "title_missing"))
        );
        assert!(matches!(
            destination("new", "Schulden", ""),
            Ok(Destination::NewCluster(ClusterText { ref title, .. })) if title == "Schulden"
        ));
        assert_eq!(
            destination("aside", "", ""),
            Err((Some("destination"), "set_aside_reason_missing"))
        );
        assert_eq!(
            destination("aside:nonsense", "", ""),
            Err((Some("destination"), "set_aside_reason_missing"))
        );
        assert_eq!(
            destination("aside:other", "", ""),
            Err((Some("note"), "note_missing"))
        );
        assert!(matches!(
            destination(" aside:off_topic ", "", ""),
            Ok(Destination::SetAside(SetAside {
                reason: SetAsideReason::OffTopic,
                note: None
            }))
        ));
        assert_eq!(
            destination("asidex", "", ""),
            Err((Some("destination"), "set_aside_reason_missing"))
        );
    }

    fn member(group: ContributorGroup, channel: Channel, supports: i64) -> Member {
        Member {
            group,
            channel,
            supports,
            life: Some(LifeDomain::ALL[0]),
            policy: None,
        }
    }

    #[test]
    fn a_profile_counts_groups_channels_and_domains() {
        let members = [
            member(ContributorGroup::Resident, Channel::Online, 3),
            member(ContributorGroup::ExperienceExpert, Channel::Online, 1),
            member(ContributorGroup::Resident, Channel::Paper, 0),
        ];
        let profile = profile(&members);
        assert_eq!(profile.ideas, 3);
        assert_eq!(profile.supports, 4);
        assert_eq!(
            profile.groups,
            vec![
                (ContributorGroup::Resident, 2),
                (ContributorGroup::ExperienceExpert, 1)
            ]
        );
        assert_eq!(profile.offline, 1);
        assert_eq!(profile.life, vec![(LifeDomain::ALL[0], 3)]);
        assert!(profile.policy.is_empty());
    }

    #[test]
    fn coverage_shows_blind_spots() {
        let (home, work) = (LifeDomain::ALL[0], PolicyDomain::ALL[0]);
        let ideas = [
            Placed {
                life: Some(home),
                policy: Some(work),
                cluster: Some(1),
            },
            Placed {
                life: Some(home),
                policy: Some(work),
                cluster: Some(1),
            },
            Placed {
                life: Some(home),
                policy: Some(work),
                cluster: Some(2),
            },
            Placed {
                life: Some(home),
                policy: None,
                cluster: None,
            },
            Placed {
                life: None,
                policy: None,
                cluster: Some(2),
            },
        ];
        let coverage = coverage(&ideas);
        assert_eq!(coverage.cells.len(), LifeDomain::ALL.len() + 1);
        assert_eq!(coverage.cells[0].len(), PolicyDomain::ALL.len() + 1);
        assert_eq!(
            coverage.cells[0][0],
            Cell {
                ideas: 3,
                placed: 3,
                clusters: 2
            }
        );
        let no_policy = PolicyDomain::ALL.len();
        assert_eq!(
            coverage.cells[0][no_policy],
            Cell {
                ideas: 1,
                placed: 0,
                clusters: 0
            }
        );
        let no_life = LifeDomain::ALL.len();
        assert_eq!(
            coverage.cells[no_life][no_policy],
            Cell {
                ideas: 1,
                placed: 1,
                clusters: 1
            }
        );
        // Another life domain: nothing at all, a blind spot.
        assert_eq!(coverage.row_totals[1], Cell::default());
        assert_eq!(
            coverage.row_totals[0],
            Cell {
                ideas: 4,
                placed: 3,
                clusters: 2
            }
        );
        assert_eq!(coverage.column_totals[0].ideas, 3);
        assert_eq!(
            coverage.total,
            Cell {
                ideas: 5,
                placed: 4,
                clusters: 2
            }
        );
    }

    #[test]
    fn suggestion_keys_ignore_order_and_repeats() {
        assert_eq!(suggestion_key(&[9, 2, 5, 2]), "2,5,9");
        assert_eq!(suggestion_key(&[5, 9, 2]), suggestion_key(&[2, 5, 9]));
    }
}
