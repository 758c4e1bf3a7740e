//! Communities in a weighted graph by the Louvain method: nodes move to
//! the neighbouring community that gains most (by modularity, or by the
//! constant Potts model), then each community becomes one node, until
//! nothing moves. It needs no number of communities up front, and a pass
//! takes time linear in the edges, so 50,000 ideas with fifteen
//! neighbours each take about a second.
//!
//! Plain graph code: it knows nothing of ideas or texts.

use crate::parallel;
use std::collections::HashMap;

/// An undirected weighted graph as adjacency lists: every edge is listed
/// at both ends, once per end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    pub edges: Vec<Vec<(usize, f32)>>,
}

impl Graph {
    /// From directed neighbour lists: an edge found from either end is one
    /// edge, with the larger weight.
    pub fn from_neighbours(neighbours: &[Vec<(usize, f32)>]) -> Graph {
        let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); neighbours.len()];
        for (a, near) in neighbours.iter().enumerate() {
            for (b, w) in near {
                if *b != a {
                    edges[a].push((*b, *w));
                    edges[*b].push((a, *w));
                }
            }
        }
        for list in &mut edges {
            list.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            list.dedup_by_key(|e| e.0);
        }
        Graph { edges }
    }
}

/// Sweeps over all nodes per level before giving up on moving them.
const MAX_SWEEPS: usize = 32;

/// A community number per node; a higher resolution makes more, smaller
/// communities. Ties go to the lower community number and the
/// orders are fixed, so the result repeats.
pub fn louvain(graph: &Graph, quality: Quality) -> Vec<usize> {
    // The greedy moves depend on the order nodes are visited in, so the
    // order ideas come from the database would change the suggestions.
    // Communities found in a few fixed orders are combined: an edge counts
    // as far as its ends end up together, and is dropped when they mostly
    // do not.
    let seeds: Vec<u64> = (0..ORDERS).collect();
    let runs = parallel::map_heavy(&seeds, |seed| louvain_in_order(graph, quality, *seed));
    let edges = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, list)| {
            list.iter()
                .filter_map(|(j, w)| {
                    let together = runs.iter().filter(|r| r[i] == r[*j]).count();
                    let share = together as f32 / ORDERS as f32;
                    (share >= AGREED).then_some((*j, w * share))
                })
                .collect()
        })
        .collect();
    louvain_in_order(&Graph { edges }, quality, 0)
}

/// Orders combined; the first is the nodes' own order.
const ORDERS: u64 = 6;
/// Share of the orders that must put an edge's ends together to keep it.
const AGREED: f32 = 0.5;

/// The nodes in a shuffled order fixed by `seed` (0: not shuffled).
fn order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 {
        return order;
    }
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }
    order
}

fn louvain_in_order(graph: &Graph, quality: Quality, seed: u64) -> Vec<usize> {
    let mut community_of: Vec<usize> = (0..graph.edges.len()).collect();
    let mut level = graph.edges.clone();
    let mut inner = vec![0.0f32; level.len()];
    let mut sizes = vec![1.0f32; level.len()];
    loop {
        let visit = order(level.len(), seed);
        let (mass, scale) = match quality {
            Quality::Modularity(resolution) => {
                let degree: Vec<f32> = (0..level.len())
                    .map(|i| level[i].iter().map(|(_, w)| w).sum::<f32>() + 2.0 * inner[i])
                    .collect();
                let total: f32 = degree.iter().sum();
                (degree, if total > 0.0 { resolution / total } else { 0.0 })
            }
            Quality::Potts(resolution) => (sizes.clone(), resolution),
        };
        let (moves, communities) = local_moves(&level, &mass, scale, &visit);
        if !moves {
            break;
        }
        for c in &mut community_of {
            *c = communities[*c];
        }
        let count = communities.iter().max().map_or(0, |c| c + 1);
        let mut next_sizes = vec![0.0f32; count];
        for (node, c) in communities.iter().enumerate() {
            next_sizes[*c] += sizes[node];
        }
        sizes = next_sizes;
        (level, inner) = aggregate(&level, &inner, &communities);
    }
    community_of
}

/// What a good partition is. Modularity: more weight within communities
/// than chance would put there, chance judged on the whole graph.
/// Potts (constant Potts model): communities whose ideas are on average
/// more alike than the resolution, whatever the size of the graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quality {
    Modularity(f32),
    Potts(f32),
}

/// One level: nodes move between communities while that gains
/// modularity. Returns whether any moved and each node's community,
/// numbered from 0 without gaps.
/// A node moves to the community with the most weight to it less
/// `scale` times its mass times the community's mass.
fn local_moves(
    edges: &[Vec<(usize, f32)>],
    mass: &[f32],
    scale: f32,
    visit: &[usize],
) -> (bool, Vec<usize>) {
    let n = edges.len();
    let mut community: Vec<usize> = (0..n).collect();
    let mut community_mass = mass.to_vec();
    let mut to_community = vec![0.0f32; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut any = false;
    for _ in 0..MAX_SWEEPS {
        let mut moved = false;
        for &i in visit {
            let own = community[i];
            for (j, w) in &edges[i] {
                let c = community[*j];
                if to_community[c] == 0.0 {
                    touched.push(c);
                }
                to_community[c] += w;
            }
            community_mass[own] -= mass[i];
            let gain = |c: usize| to_community[c] - scale * community_mass[c] * mass[i];
            let (mut best, mut best_gain) = (own, gain(own));
            for c in &touched {
                let g = gain(*c);
                if g > best_gain || (g == best_gain && *c < best) {
                    (best, best_gain) = (*c, g);
                }
            }
            for c in touched.drain(..) {
                to_community[c] = 0.0;
            }
            community_mass[best] += mass[i];
            if best != own {
                community[i] = best;
                moved = true;
                any = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut next = 0;
    for c in &mut community {
        if number[*c] == usize::MAX {
            number[*c] = next;
            next += 1;
        }
        *c = number[*c];
    }
    (any, community)
}

/// The graph of communities: an edge's weight between two communities is
/// the sum of theirs, a community's own edges become its inner weight.
fn aggregate(
    edges: &[Vec<(usize, f32)>],
    inner: &[f32],
    community: &[usize],
) -> (Vec<Vec<(usize, f32)>>, Vec<f32>) {
    let count = community.iter().max().map_or(0, |c| c + 1);
    let mut between: Vec<HashMap<usize, f32>> = vec![HashMap::new(); count];
    let mut own = vec![0.0f32; count];
    for (i, list) in edges.iter().enumerate() {
        let ci = community[i];
        own[ci] += inner[i];
        for (j, w) in list {
            let cj = community[*j];
            if ci == cj {
                // Seen from both ends: half each time.
                own[ci] += w / 2.0;
            } else {
                *between[ci].entry(cj).or_default() += w;
            }
        }
    }
    let edges = between
        .into_iter()
        .map(|m| {
            let mut list: Vec<(usize, f32)> = m.into_iter().collect();
            list.sort_unstable_by_key(|e| e.0);
            list
        })
        .collect();
    (edges, own)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one weak edge.
    fn two_triangles() -> Graph {
        Graph::from_neighbours(&[
            vec![(1, 1.0), (2, 1.0)],
            vec![(2, 1.0)],
            vec![(3, 0.1)],
            vec![(4, 1.0), (5, 1.0)],
            vec![(5, 1.0)],
            vec![],
        ])
    }

    #[test]
    fn edges_are_listed_at_both_ends_once() {
        let graph = two_triangles();
        assert_eq!(graph.edges[2], [(0, 1.0), (1, 1.0), (3, 0.1)]);
        let doubled = Graph::from_neighbours(&[vec![(1, 0.5)], vec![(0, 0.7)]]);
        assert_eq!(doubled.edges[0], [(1, 0.7)]);
    }

    #[test]
    fn triangles_are_communities() {
        let found = louvain(&two_triangles(), Quality::Modularity(1.0));
        assert_eq!(found[0], found[1]);
        assert_eq!(found[1], found[2]);
        assert_eq!(found[3], found[4]);
        assert_eq!(found[4], found[5]);
        assert_ne!(found[0], found[3]);
    }

    #[test]
    fn orders_are_permutations() {
        for seed in 0..4 {
            let mut o = order(50, seed);
            o.sort_unstable();
            assert_eq!(o, (0..50).collect::<Vec<_>>());
        }
        assert_eq!(order(5, 0), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_order_of_the_nodes_barely_matters() {
        // The triangles again, their nodes interleaved: {0, 2, 4}, {1, 3, 5}.
        let interleaved = Graph::from_neighbours(&[
            vec![(2, 1.0), (4, 1.0)],
            vec![(3, 1.0), (5, 1.0), (4, 0.1)],
            vec![(4, 1.0)],
            vec![(5, 1.0)],
            vec![],
            vec![],
        ]);
        for quality in [Quality::Modularity(1.0), Quality::Potts(0.3)] {
            let found = louvain(&interleaved, quality);
            assert_eq!([found[0], found[2]], [found[4]; 2], "{quality:?}");
            assert_eq!([found[1], found[3]], [found[5]; 2], "{quality:?}");
            assert_ne!(found[0], found[1], "{quality:?}");
        }
    }

    #[test]
    fn lone_nodes_stay_alone() {
        let found = louvain(
            &Graph::from_neighbours(&[vec![], vec![], vec![]]),
            Quality::Potts(0.1),
        );
        assert_eq!(found, [0, 1, 2]);
        assert!(louvain(&Graph::default(), Quality::Potts(0.1)).is_empty());
    }
}
