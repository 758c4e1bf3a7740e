//! Suggested clusters: agglomerative clustering with centroid linkage over
//! each idea's nearest neighbours, so it scales with the number of ideas,
//! not its square. Two groups merge while their centroids are alike
//! enough; what stays alone is left for people to place.

use crate::index::Index;
use crate::vector::Vector;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// Neighbours below this similarity are not candidates to join.
pub const LINK_FLOOR: f32 = 0.12;
/// Groups merge while their centroids are at least this alike.
pub const MERGE: f32 = 0.2;
/// A suggestion needs at least this many ideas.
pub const MIN_SIZE: usize = 2;
/// Words in a suggested title.
const TITLE_WORDS: usize = 3;

struct Candidate {
    score: f32,
    a: usize,
    b: usize,
    stamps: (u32, u32),
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Highest score first; ties in a fixed order, so results repeat.
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

struct Group {
    members: Vec<usize>,
    sum: Vector,
    neighbours: HashSet<usize>,
    stamp: u32,
}

/// Groups of document places with a title and its terms, biggest first.
pub fn suggest(
    index: &Index,
    places: &[usize],
    neighbours: &[Vec<(usize, f32)>],
) -> Vec<(Vec<usize>, String, Vec<String>)> {
    let slot: HashMap<usize, usize> = places.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut groups: Vec<Option<Group>> = places
        .iter()
        .zip(neighbours)
        .map(|(place, near)| {
            Some(Group {
                members: vec![*place],
                sum: index.vector_at(*place).clone(),
                neighbours: near
                    .iter()
                    .filter_map(|(p, _)| slot.get(p).copied())
                    .collect(),
                stamp: 0,
            })
        })
        .collect();
    // Neighbourhood is mutual for merging purposes.
    for i in 0..groups.len() {
        let near: Vec<usize> = groups[i]
            .as_ref()
            .map(|g| g.neighbours.iter().copied().collect())
            .unwrap_or_default();
        for j in near {
            if let Some(g) = groups[j].as_mut() {
                g.neighbours.insert(i);
            }
        }
    }
    let mut heap = BinaryHeap::new();
    for (i, near) in neighbours.iter().enumerate() {
        for (p, score) in near {
            if let Some(&j) = slot.get(p)
                && i < j
                && *score >= MERGE
            {
                heap.push(Candidate {
                    score: *score,
                    a: i,
                    b: j,
                    stamps: (0, 0),
                });
            }
        }
    }
    while let Some(c) = heap.pop() {
        if c.score < MERGE {
            break;
        }
        let current = |g: &Option<Group>| g.as_ref().map(|g| g.stamp);
        if current(&groups[c.a]) != Some(c.stamps.0) || current(&groups[c.b]) != Some(c.stamps.1) {
            continue;
        }
        let Some(b) = groups[c.b].take() else {
            continue;
        };
        let Some(a) = groups[c.a].as_mut() else {
            continue;
        };
        a.members.extend(b.members);
        a.sum = a.sum.add(&b.sum);
        a.neighbours.extend(b.neighbours);
        a.neighbours.remove(&c.a);
        a.neighbours.remove(&c.b);
        a.stamp += 1;
        let (sum, stamp, near) = (a.sum.clone(), a.stamp, a.neighbours.clone());
        for other in near {
            let Some(g) = groups[other].as_mut() else {
                continue;
            };
            g.neighbours.remove(&c.b);
            g.neighbours.insert(c.a);
            let score = sum.cosine(&g.sum);
            if score >= MERGE {
                let (a, b, stamps) = if c.a < other {
                    (c.a, other, (stamp, g.stamp))
                } else {
                    (other, c.a, (g.stamp, stamp))
                };
                heap.push(Candidate {
                    score,
                    a,
                    b,
                    stamps,
                });
            }
        }
    }
    let mut found: Vec<(Vec<usize>, String, Vec<String>)> = groups
        .into_iter()
        .flatten()
        .filter(|g| g.members.len() >= MIN_SIZE)
        .map(|g| {
            let terms = title_terms(index, &g.sum);
            // Best-fitting ideas first: they show what the group is about.
            let mut members = g.members;
            members.sort_by(|x, y| {
                let fit = |m: &usize| index.vector_at(*m).dot(&g.sum);
                fit(y).total_cmp(&fit(x)).then(x.cmp(y))
            });
            (members, title(&terms), terms)
        })
        .collect();
    found.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.0[0].cmp(&y.0[0])));
    found
}

/// The words that weigh most in a group's centroid.
fn title_terms(index: &Index, sum: &Vector) -> Vec<String> {
    let mut weighted: Vec<(f32, &str)> = sum
        .0
        .iter()
        .filter_map(|(f, w)| index.label(*f).map(|label| (*w, label)))
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut terms: Vec<String> = Vec::new();
    for (_, word) in weighted {
        if !terms.iter().any(|t| t == word) {
            terms.push(word.to_owned());
        }
        if terms.len() == TITLE_WORDS {
            break;
        }
    }
    terms
}

/// "Zwemles, gratis, kinderen": readable, the first word capitalised.
fn title(terms: &[String]) -> String {
    let joined = terms.join(", ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_capitalised_lists() {
        assert_eq!(
            title(&["zwemles".into(), "gratis".into()]),
            "Zwemles, gratis"
        );
        assert_eq!(title(&[]), "");
    }
}
