//! Suggested clusters: communities in the graph of each idea's nearest
//! neighbours ([`crate::community`]), so the work grows with the number of
//! ideas, not its square, and the number of clusters follows from the
//! ideas. An idea joins a suggestion only if it is alike enough to a few
//! of its members; what stays alone is left for people to place.

use crate::community::{self, Graph, Quality};
use crate::index::Index;
use crate::title;

/// A suggested cluster: a short title from its most telling words, those
/// words, and its ideas, best-fitting first.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub title: String,
    pub terms: Vec<String>,
    pub ids: Vec<i64>,
}

/// The existing cluster an idea fits best, with how well (0..=1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterMatch {
    pub cluster_id: i64,
    pub score: f32,
}

/// How the suggestions are made; the defaults are measured on the
/// evaluation set (`analysis-eval`).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Neighbours per idea in the graph.
    pub neighbours: usize,
    /// Neighbours less alike than this are no edge.
    pub link_floor: f32,
    /// What a good partition is, with its resolution (higher makes more,
    /// smaller clusters).
    pub quality: Quality,
    /// An idea stays in its cluster only if its few most alike members
    /// are on average this alike.
    pub member_floor: f32,
    /// A suggestion needs at least this many ideas.
    pub min_size: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            neighbours: 15,
            link_floor: 0.1,
            quality: Quality::Modularity(2.0),
            member_floor: 0.15,
            min_size: 2,
        }
    }
}

/// An idea fits an existing cluster from here on.
pub const FITS_CLUSTER: f32 = 0.2;
/// How much more alike than to the next cluster an idea must be for a
/// hint. With [`FITS_CLUSTER`], measured on both labelled sets
/// (`analysis-eval`): 9 in 10 hints right, for about a third of the ideas
/// not yet placed. Without the lead a quarter of the hints were wrong.
pub const CLEAR_LEAD: f32 = 2.0;
/// Members an idea is compared with, in an existing cluster or its own
/// suggestion; a cluster with fewer counts the missing ones as unlike, so
/// one look-alike is not enough.
const CLOSEST_MEMBERS: usize = 3;

/// Suggested clusters among the ideas at `places`, biggest first.
pub fn suggest(index: &Index, places: &[usize]) -> Vec<Suggestion> {
    suggest_with(index, places, &Settings::default())
}

pub fn suggest_with(index: &Index, places: &[usize], settings: &Settings) -> Vec<Suggestion> {
    let mut found: Vec<Suggestion> = groups(index, places, settings)
        .into_iter()
        .map(|members| {
            let (title, terms) = title::of(index, &members);
            Suggestion {
                title,
                terms,
                ids: members.into_iter().map(|p| index.id(p)).collect(),
            }
        })
        .collect();
    found.sort_by(|x, y| y.ids.len().cmp(&x.ids.len()).then(x.ids[0].cmp(&y.ids[0])));
    found
}

/// Groups of places, each best-fitting first.
fn groups(index: &Index, places: &[usize], settings: &Settings) -> Vec<Vec<usize>> {
    let mut slot = vec![usize::MAX; index.len()];
    for (i, place) in places.iter().enumerate() {
        slot[*place] = i;
    }
    let neighbours: Vec<Vec<(usize, f32)>> = index
        .neighbours(places, settings.neighbours, settings.link_floor)
        .into_iter()
        .map(|near| near.into_iter().map(|(p, s)| (slot[p], s)).collect())
        .collect();
    let graph = Graph::from_neighbours(&neighbours);
    let community = community::louvain(&graph, settings.quality);
    let count = community.iter().max().map_or(0, |c| c + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (node, c) in community.iter().enumerate() {
        members[*c].push(node);
    }
    members
        .into_iter()
        .filter_map(|nodes| tighten(&graph, &community, nodes, settings))
        .map(|nodes| nodes.into_iter().map(|n| places[n]).collect())
        .collect()
}

/// The nodes alike enough to a few others of their community, those tied
/// most strongly to it first; `None` when too few are left.
fn tighten(
    graph: &Graph,
    community: &[usize],
    nodes: Vec<usize>,
    settings: &Settings,
) -> Option<Vec<usize>> {
    if nodes.len() < settings.min_size {
        return None;
    }
    let size = nodes.len();
    let mut fits: Vec<(usize, f32, f32)> = nodes
        .into_iter()
        .filter_map(|node| {
            let mut within: Vec<f32> = graph.edges[node]
                .iter()
                .filter(|(other, _)| community[*other] == community[node])
                .map(|(_, w)| *w)
                .collect();
            within.sort_unstable_by(|a, b| b.total_cmp(a));
            // In a small suggestion, the few others are all there is.
            let few = CLOSEST_MEMBERS.min(size - 1);
            let closest = within.iter().take(few).sum::<f32>() / few as f32;
            let strength = within.iter().sum::<f32>();
            (closest >= settings.member_floor).then_some((node, strength, closest))
        })
        .collect();
    if fits.len() < settings.min_size {
        return None;
    }
    fits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(fits.into_iter().map(|(node, _, _)| node).collect())
}

/// The cluster whose ideas are most like the idea at `place`, if it is
/// alike enough for the hint to be likely right (see [`FITS_CLUSTER`]).
pub fn best_for(index: &Index, place: usize, clusters: &[(i64, Vec<i64>)]) -> Option<ClusterMatch> {
    let ranked = ranked(index, place, clusters);
    let best = *ranked.first()?;
    let second = ranked.get(1).map_or(0.0, |m| m.score);
    likely_right(best.score, second).then_some(best)
}

/// A hint is shown when the idea is alike enough to the cluster, and
/// clearly more alike to it than to any other.
pub fn likely_right(best: f32, second: f32) -> bool {
    best >= FITS_CLUSTER && best >= second * CLEAR_LEAD
}

/// The clusters whose ideas are like the idea at `place`, most alike
/// first, the idea itself left out of its own cluster. A cluster's score
/// is how alike the idea is to its few most alike members: a broad cluster
/// holds several strands, and an idea fits one of them, not their average.
pub fn ranked(index: &Index, place: usize, clusters: &[(i64, Vec<i64>)]) -> Vec<ClusterMatch> {
    let members: Vec<Vec<usize>> = clusters
        .iter()
        .map(|(_, members)| {
            members
                .iter()
                .filter_map(|m| index.place(*m))
                .filter(|m| *m != place)
                .collect()
        })
        .collect();
    // Only the members' scores: the whole round's would cost a pass over
    // every idea's meaning.
    let alike = index.scores_of(place, &members.concat());
    let mut offset = 0;
    let mut ranked: Vec<ClusterMatch> = clusters
        .iter()
        .zip(&members)
        .filter_map(|((cluster_id, _), members)| {
            let mut scores = alike[offset..offset + members.len()].to_vec();
            offset += members.len();
            if scores.is_empty() {
                return None;
            }
            let best = CLOSEST_MEMBERS.min(scores.len());
            scores.select_nth_unstable_by(best - 1, |a, b| b.total_cmp(a));
            let score = scores[..best].iter().sum::<f32>() / CLOSEST_MEMBERS as f32;
            (score > 0.0).then_some(ClusterMatch {
                cluster_id: *cluster_id,
                score: score.min(1.0),
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.cluster_id.cmp(&b.cluster_id))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use crate::index::tests::index;

    const IDEAS: &[&str] = &[
        "Gratis zwemles voor alle kinderen",
        "zwemlessen moeten gratis zijn voor kids",
        "ik wil op zwemles",
        "Hulp bij schulden zonder wachtlijst",
        "sneller hulp bij scholden, de wachtlijst is te lang",
        "De energierekening is niet te betalen",
        "mijn energierekning is veel te duur",
        "energie is te duur, stroom en gas",
        "Een bankje in het park",
    ];

    #[test]
    fn suggestions_group_what_belongs_together() {
        let index = index(IDEAS);
        let all: Vec<i64> = (1..=9).collect();
        let suggestions = index.suggest_clusters(&all);
        let together = |a: i64, b: i64| {
            suggestions
                .iter()
                .any(|s| s.ids.contains(&a) && s.ids.contains(&b))
        };
        assert!(
            together(1, 2) && together(6, 7) && together(4, 5),
            "{suggestions:?}"
        );
        assert!(!together(1, 6), "{suggestions:?}");
        assert!(
            suggestions.iter().all(|s| !s.ids.contains(&9)),
            "{suggestions:?}"
        );
        assert!(
            suggestions
                .iter()
                .all(|s| !s.title.is_empty() && s.ids.len() >= 2)
        );
    }

    #[test]
    fn only_the_given_ideas_are_grouped() {
        let index = index(IDEAS);
        let suggestions = index.suggest_clusters(&[1, 2, 6, 42]);
        let mut placed: Vec<i64> = suggestions.iter().flat_map(|s| s.ids.clone()).collect();
        placed.sort_unstable();
        assert_eq!(placed, [1, 2]);
    }

    #[test]
    fn an_idea_is_suggested_the_cluster_it_fits() {
        let index = index(IDEAS);
        let clusters = vec![(10, vec![1, 2]), (20, vec![6, 7])];
        let found = index.suggest_cluster_for(8, &clusters);
        assert_eq!(found.map(|m| m.cluster_id), Some(20), "{found:?}");
        assert_eq!(index.suggest_cluster_for(9, &clusters), None);
        assert_eq!(index.suggest_cluster_for(99, &clusters), None);
    }
}
