//! Measuring the analysis against a labelled set ([`crate::corpus`]):
//! normalised mutual information and adjusted Rand index of the suggested
//! clusters against the themes (of the placed ideas beside the share placed,
//! and of a full partition), same-theme precision of the nearest
//! neighbours, whether a duplicate's original is its nearest neighbour,
//! precision and recall of near-duplicate pairs, and how often an idea is
//! suggested the cluster of its own theme.
//!
//! NMI with each unplaced idea as a cluster of one rewards placing nothing
//! (it scores higher than the suggestions on some sets), so it is reported
//! only beside the honest numbers, never instead of them.

use crate::cluster::{self, Settings};
use crate::corpus::Labelled;
use crate::index::{Doc, Index};
use crate::tfidf::{Backend, TfIdf};
use crate::{Suggestion, duplicate};
use std::collections::{HashMap, HashSet};

/// Counts of (truth, found) label pairs, and per label of each.
struct Contingency {
    cells: HashMap<(usize, usize), f64>,
    truth: HashMap<usize, f64>,
    found: HashMap<usize, f64>,
    n: f64,
}

impl Contingency {
    fn new(truth: &[usize], found: &[usize]) -> Contingency {
        assert_eq!(truth.len(), found.len(), "one label per item on both sides");
        let mut c = Contingency {
            cells: HashMap::new(),
            truth: HashMap::new(),
            found: HashMap::new(),
            n: truth.len() as f64,
        };
        for (t, f) in truth.iter().zip(found) {
            *c.cells.entry((*t, *f)).or_default() += 1.0;
            *c.truth.entry(*t).or_default() += 1.0;
            *c.found.entry(*f).or_default() += 1.0;
        }
        c
    }
}

fn entropy(counts: &HashMap<usize, f64>, n: f64) -> f64 {
    counts.values().map(|c| c / n).map(|p| -p * p.ln()).sum()
}

/// Normalised mutual information with the arithmetic mean of both
/// entropies (scikit-learn's default). 1 for the same grouping.
pub fn nmi(truth: &[usize], found: &[usize]) -> f64 {
    let c = Contingency::new(truth, found);
    if c.n == 0.0 {
        return 1.0;
    }
    let mutual: f64 = c
        .cells
        .iter()
        .map(|((t, f), count)| (count / c.n) * ((count * c.n) / (c.truth[t] * c.found[f])).ln())
        .sum();
    let (ht, hf) = (entropy(&c.truth, c.n), entropy(&c.found, c.n));
    // Both a single group (or both all apart): the same grouping.
    if ht == hf && ht == 0.0 {
        return 1.0;
    }
    (mutual / ((ht + hf) / 2.0)).max(0.0)
}

fn pairs(count: f64) -> f64 {
    count * (count - 1.0) / 2.0
}

/// Adjusted Rand index: 1 for the same grouping, about 0 for chance.
pub fn ari(truth: &[usize], found: &[usize]) -> f64 {
    let c = Contingency::new(truth, found);
    let index: f64 = c.cells.values().map(|n| pairs(*n)).sum();
    let truth_pairs: f64 = c.truth.values().map(|n| pairs(*n)).sum();
    let found_pairs: f64 = c.found.values().map(|n| pairs(*n)).sum();
    let expected = truth_pairs * found_pairs / pairs(c.n).max(1.0);
    let max = (truth_pairs + found_pairs) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

/// Precision, recall and F1 of found duplicate pairs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub found: usize,
    pub expected: usize,
}

/// The true pairs are each duplicate with its original, and duplicates of
/// the same original with each other.
pub fn duplicate_pairs(labelled: &[Labelled]) -> HashSet<(i64, i64)> {
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in labelled {
        if let Some(original) = l.duplicate_of {
            groups
                .entry(original)
                .or_insert_with(|| vec![original])
                .push(l.id);
        }
    }
    let mut truth = HashSet::new();
    for members in groups.values() {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                truth.insert((*a.min(b), *a.max(b)));
            }
        }
    }
    truth
}

pub fn duplicate_scores(labelled: &[Labelled], found: &[(i64, i64)]) -> Scores {
    let truth = duplicate_pairs(labelled);
    let found: HashSet<(i64, i64)> = found.iter().map(|(a, b)| (*a.min(b), *a.max(b))).collect();
    let right = found.intersection(&truth).count() as f64;
    let precision = if found.is_empty() {
        1.0
    } else {
        right / found.len() as f64
    };
    let recall = if truth.is_empty() {
        1.0
    } else {
        right / truth.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        precision,
        recall,
        f1,
        found: found.len(),
        expected: truth.len(),
    }
}

/// How the default index does on a labelled set.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub ideas: usize,
    pub themes: usize,
    pub clusters: usize,
    /// Share of ideas placed in a suggested cluster.
    pub coverage: f64,
    /// Ideas left unplaced count as clusters of one each, in both scores.
    pub nmi: f64,
    pub ari: f64,
    /// NMI when every idea is left unplaced: the score to beat, since
    /// NMI rewards many small clusters.
    pub nmi_all_apart: f64,
    /// NMI and ARI over the placed ideas only: read with `coverage`.
    pub nmi_placed: f64,
    pub ari_placed: f64,
    /// NMI and ARI when every idea is assigned: an unplaced idea joins the
    /// suggested cluster it is most like, or stays alone when it is like
    /// none.
    pub nmi_full: f64,
    pub ari_full: f64,
    /// Of each idea's five nearest neighbours, the share with its theme
    /// (a missing neighbour counts as wrong).
    pub precision_at_5: f64,
    /// For each labelled duplicate: is its original the nearest neighbour,
    /// or among the nearest three.
    pub originals: Originals,
    pub duplicates: Scores,
    /// Share of ideas that `suggest_cluster_for` puts with their own
    /// theme when the themes are the clusters (each idea left out of its
    /// own), and share for which it suggests anything.
    pub placing_right: f64,
    pub placing_answered: f64,
    /// "Past misschien bij" as staff meet it: see [`hints`].
    pub hints: Vec<HintPoint>,
    pub suggestions: Vec<Suggestion>,
}

/// Labelled duplicates and where their original ranks among their
/// nearest neighbours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Originals {
    pub labelled: usize,
    pub nearest: usize,
    pub top_3: usize,
}

/// How right the workspace's hints are when shown from `floor` on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HintPoint {
    pub floor: f32,
    /// Of the hints shown, the share naming the idea's own theme.
    pub precision: f64,
    /// The share of ideas that get a hint.
    pub shown: f64,
}

impl Report {
    /// The hints as the product shows them: from [`cluster::FITS_CLUSTER`].
    pub fn hints_shown(&self) -> HintPoint {
        self.hints
            .iter()
            .copied()
            .find(|p| (p.floor - cluster::FITS_CLUSTER).abs() < 1e-6)
            .expect("the product's floor is among the measured ones")
    }
}

/// Floors the hints are measured at.
pub const HINT_FLOORS: [f32; 8] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

/// What to evaluate: the default unless tuning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub backend: TfIdf,
    pub clusters: Settings,
}

pub fn evaluate(labelled: &[Labelled]) -> Report {
    evaluate_with(labelled, &Options::default())
}

pub fn evaluate_with(labelled: &[Labelled], options: &Options) -> Report {
    evaluate_on(labelled, &options.backend, &options.clusters)
}

fn docs(labelled: &[Labelled]) -> Vec<Doc<'_>> {
    labelled
        .iter()
        .map(|l| Doc {
            id: l.id,
            text: &l.text,
        })
        .collect()
}

/// How `backend` does on a labelled set, with the given cluster settings.
pub fn evaluate_on(labelled: &[Labelled], backend: &dyn Backend, settings: &Settings) -> Report {
    let docs = docs(labelled);
    let index = Index::with_backend(backend, &docs);
    let all = index.places(None);
    let suggestions = cluster::suggest_with(&index, &all, settings);
    let mut cluster_of: HashMap<i64, usize> = HashMap::new();
    for (n, s) in suggestions.iter().enumerate() {
        for id in &s.ids {
            cluster_of.insert(*id, n);
        }
    }
    let mut themes: Vec<&str> = labelled.iter().map(|l| l.theme.as_str()).collect();
    themes.sort_unstable();
    themes.dedup();
    let theme_of = |l: &Labelled| themes.binary_search(&l.theme.as_str()).unwrap_or(0);
    let truth: Vec<usize> = labelled.iter().map(theme_of).collect();
    let found: Vec<usize> = labelled
        .iter()
        .enumerate()
        .map(|(i, l)| {
            cluster_of
                .get(&l.id)
                .copied()
                .unwrap_or(suggestions.len() + i)
        })
        .collect();
    let apart: Vec<usize> = (0..labelled.len()).collect();
    let placed: Vec<usize> = (0..labelled.len())
        .filter(|i| found[*i] < suggestions.len())
        .collect();
    let pick = |labels: &[usize]| placed.iter().map(|i| labels[*i]).collect::<Vec<_>>();
    let pairs: Vec<(i64, i64)> = duplicate::find(&index, &all)
        .iter()
        .map(|p| (p.a, p.b))
        .collect();
    let (placing_right, placing_answered) = placing(&index, labelled, &truth);
    let clusters: Vec<(i64, Vec<i64>)> = suggestions
        .iter()
        .enumerate()
        .map(|(n, s)| (n as i64, s.ids.clone()))
        .collect();
    let full: Vec<usize> = found
        .iter()
        .enumerate()
        .map(|(place, cluster)| {
            if *cluster < suggestions.len() {
                return *cluster;
            }
            cluster::ranked(&index, place, &clusters)
                .first()
                .map_or(*cluster, |best| best.cluster_id as usize)
        })
        .collect();
    let neighbours = index.ranked_neighbours(&all, NEIGHBOURS, f32::MIN_POSITIVE);
    let (precision_at_5, originals) = neighbourhood(&index, labelled, &truth, &neighbours);
    let hints = hints(&index, labelled, &truth);
    Report {
        ideas: labelled.len(),
        themes: themes.len(),
        clusters: suggestions.len(),
        coverage: placed.len() as f64 / labelled.len().max(1) as f64,
        nmi: nmi(&truth, &found),
        ari: ari(&truth, &found),
        nmi_all_apart: nmi(&truth, &apart),
        nmi_placed: nmi(&pick(&truth), &pick(&found)),
        ari_placed: ari(&pick(&truth), &pick(&found)),
        nmi_full: nmi(&truth, &full),
        ari_full: ari(&truth, &full),
        precision_at_5,
        originals,
        duplicates: duplicate_scores(labelled, &pairs),
        placing_right,
        placing_answered,
        hints,
        suggestions,
    }
}

/// Each labelled text's sentence embedding from the endpoint at `base`,
/// by text, and the model's name: what [`crate::Fused`] needs to score a
/// set with meaning.
pub fn embed(
    labelled: &[Labelled],
    base: &str,
) -> Result<(HashMap<String, Vec<f32>>, String), crate::embeddings::Error> {
    let texts: Vec<&str> = labelled.iter().map(|l| l.text.as_str()).collect();
    let embedded = crate::embeddings::Client::new(base).embed(&texts)?;
    let by_text = texts
        .iter()
        .map(|t| (*t).to_owned())
        .zip(embedded.vectors)
        .collect();
    Ok((by_text, embedded.model))
}

/// Neighbours looked at for precision@5 and the originals' ranks.
const NEIGHBOURS: usize = 5;

/// Same-theme precision of each idea's nearest neighbours, and where each
/// labelled duplicate's original ranks among its own.
fn neighbourhood(
    index: &Index,
    labelled: &[Labelled],
    truth: &[usize],
    neighbours: &[Vec<(usize, f32)>],
) -> (f64, Originals) {
    let mut same = 0usize;
    let mut originals = Originals::default();
    for (place, (l, theme)) in labelled.iter().zip(truth).enumerate() {
        let near = &neighbours[place];
        same += near.iter().filter(|(n, _)| truth[*n] == *theme).count();
        if let Some(original) = l.duplicate_of {
            originals.labelled += 1;
            let rank = near.iter().position(|(n, _)| index.id(*n) == original);
            originals.nearest += usize::from(rank == Some(0));
            originals.top_3 += usize::from(rank.is_some_and(|r| r < 3));
        }
    }
    let precision = same as f64 / (labelled.len() * NEIGHBOURS).max(1) as f64;
    (precision, originals)
}

/// The hints for ideas not yet placed, halfway through funnelling: two in
/// five ideas of each theme are in its cluster (the first two of every
/// five in order, so the choice is fixed), the other three get a hint or
/// none. Each floor is measured with the product's lead
/// ([`cluster::CLEAR_LEAD`]).
fn hints(index: &Index, labelled: &[Labelled], truth: &[usize]) -> Vec<HintPoint> {
    let mut clusters: Vec<(i64, Vec<i64>)> = Vec::new();
    let mut open = Vec::new();
    for (n, (l, theme)) in labelled.iter().zip(truth).enumerate() {
        if n % 5 >= 2 {
            open.push((l.id, *theme as i64));
            continue;
        }
        match clusters.iter_mut().find(|(id, _)| *id == *theme as i64) {
            Some((_, members)) => members.push(l.id),
            None => clusters.push((*theme as i64, vec![l.id])),
        }
    }
    let closest: Vec<(f32, f32, bool)> = open
        .iter()
        .filter_map(|(id, theme)| {
            let ranked = cluster::ranked(index, index.place(*id)?, &clusters);
            let best = ranked.first()?;
            let second = ranked.get(1).map_or(0.0, |m| m.score);
            Some((best.score, second, best.cluster_id == *theme))
        })
        .collect();
    HINT_FLOORS
        .iter()
        .map(|floor| {
            let shown: Vec<bool> = closest
                .iter()
                .filter(|(best, second, _)| {
                    *best >= *floor && *best >= second * cluster::CLEAR_LEAD
                })
                .map(|(_, _, right)| *right)
                .collect();
            let right = shown.iter().filter(|r| **r).count();
            HintPoint {
                floor: *floor,
                precision: right as f64 / shown.len().max(1) as f64,
                shown: shown.len() as f64 / open.len().max(1) as f64,
            }
        })
        .collect()
}

/// Leave-one-out placing with the themes as clusters.
fn placing(index: &Index, labelled: &[Labelled], truth: &[usize]) -> (f64, f64) {
    let mut clusters: Vec<(i64, Vec<i64>)> = Vec::new();
    for (l, theme) in labelled.iter().zip(truth) {
        match clusters.iter_mut().find(|(id, _)| *id == *theme as i64) {
            Some((_, members)) => members.push(l.id),
            None => clusters.push((*theme as i64, vec![l.id])),
        }
    }
    let (mut right, mut answered) = (0, 0);
    for (l, theme) in labelled.iter().zip(truth) {
        if let Some(m) = index.suggest_cluster_for(l.id, &clusters) {
            answered += 1;
            if m.cluster_id == *theme as i64 {
                right += 1;
            }
        }
    }
    let n = labelled.len().max(1) as f64;
    (right as f64 / n, answered as f64 / n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::read_tsv;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn identical_groupings_score_one_whatever_their_names() {
        let truth = [0, 0, 1, 1, 2];
        let found = [5, 5, 3, 3, 9];
        assert!(close(nmi(&truth, &found), 1.0));
        assert!(close(ari(&truth, &found), 1.0));
    }

    #[test]
    fn scores_match_hand_computed_values() {
        // A refinement of two groups of two: MI = ln 2, H = ln 2 and
        // 1.0397, NMI = 0.8; ARI = (1 - 2·1/6) / (1.5 - 1/3) = 0.5714.
        assert!(close(nmi(&[0, 0, 1, 1], &[0, 0, 1, 2]), 0.8));
        assert!(close(ari(&[0, 0, 1, 1], &[0, 0, 1, 2]), 4.0 / 7.0));
        // Two groups of three against three of two: MI = 2/3 ln 2,
        // NMI = 0.462098 / ((ln 2 + ln 3) / 2) = 0.515804;
        // ARI = (2 - 6·3/15) / (4.5 - 1.2) = 0.242424.
        let (truth, found) = ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]);
        assert!(
            close(nmi(&truth, &found), 0.515804),
            "{}",
            nmi(&truth, &found)
        );
        assert!(
            close(ari(&truth, &found), 0.8 / 3.3),
            "{}",
            ari(&truth, &found)
        );
    }

    #[test]
    fn chance_groupings_score_about_zero() {
        // Each found group holds one of each truth group.
        let (truth, found) = ([0, 1, 0, 1], [0, 0, 1, 1]);
        assert!(close(nmi(&truth, &found), 0.0));
        assert!(ari(&truth, &found) < 0.0);
    }

    #[test]
    fn the_neighbourhood_counts_same_theme_neighbours_and_originals() {
        let labelled = read_tsv(
            "id\ttheme\tduplicate_of\ttext\n\
             1\ta\t\tgratis zwemles voor kinderen\n\
             2\ta\t1\tgratis zwemles voor alle kinderen\n\
             3\tb\t\tenergietoeslag voor lage inkomens\n\
             4\tb\t\tenergietoeslag ook voor net boven het minimum\n",
        )
        .unwrap();
        let index = Index::build(&docs(&labelled));
        let truth = [0, 0, 1, 1];
        // Each idea's one neighbour is the other of its theme.
        let neighbours = vec![
            vec![(1, 0.9)],
            vec![(0, 0.9)],
            vec![(3, 0.5)],
            vec![(2, 0.5), (0, 0.1)],
        ];
        let (p5, originals) = neighbourhood(&index, &labelled, &truth, &neighbours);
        // 4 right of 4 ideas × 5 places.
        assert!(close(p5, 4.0 / 20.0), "{p5}");
        assert_eq!(
            originals,
            Originals {
                labelled: 1,
                nearest: 1,
                top_3: 1
            }
        );
        let wrong = vec![vec![], vec![(2, 0.9), (3, 0.8), (0, 0.7)], vec![], vec![]];
        let (_, originals) = neighbourhood(&index, &labelled, &truth, &wrong);
        assert_eq!(
            originals,
            Originals {
                labelled: 1,
                nearest: 0,
                top_3: 1
            }
        );
    }

    #[test]
    fn duplicate_pairs_include_siblings() {
        let labelled = read_tsv(
            "id\ttheme\tduplicate_of\ttext\n1\ta\t\tx\n2\ta\t1\tx\n3\ta\t1\tx\n4\tb\t\ty\n",
        )
        .unwrap();
        // Truth: (1,2), (1,3), (2,3); found: one right, one wrong.
        let scores = duplicate_scores(&labelled, &[(2, 1), (1, 4)]);
        assert!(close(scores.precision, 0.5));
        assert!(close(scores.recall, 1.0 / 3.0));
        assert!(close(scores.f1, 0.4));
        assert_eq!((scores.found, scores.expected), (2, 3));
        let none = duplicate_scores(&labelled, &[]);
        assert_eq!((none.precision, none.recall, none.f1), (1.0, 0.0, 0.0));
    }
}
