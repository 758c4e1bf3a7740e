//! Sparse vectors: (feature, weight) pairs sorted by feature. Texts are
//! short, so a vector holds tens of features out of tens of thousands.

/// A sparse vector, sorted by feature, without zeros.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vector(pub Vec<(u32, f32)>);

impl Vector {
    /// From unsorted pairs; weights of repeated features add up.
    pub fn from_pairs(mut pairs: Vec<(u32, f32)>) -> Vector {
        pairs.sort_unstable_by_key(|(f, _)| *f);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(pairs.len());
        for (f, w) in pairs {
            match merged.last_mut() {
                Some((last, sum)) if *last == f => *sum += w,
                _ => merged.push((f, w)),
            }
        }
        merged.retain(|(_, w)| *w != 0.0);
        Vector(merged)
    }

    pub fn norm(&self) -> f32 {
        self.0.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
    }

    /// This vector at unit length (zero stays zero).
    pub fn unit(mut self) -> Vector {
        let norm = self.norm();
        if norm > 0.0 {
            for (_, w) in &mut self.0 {
                *w /= norm;
            }
        }
        self
    }

    pub fn dot(&self, other: &Vector) -> f32 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        let (a, b) = (&self.0, &other.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Cosine similarity; 0 when either is zero.
    pub fn cosine(&self, other: &Vector) -> f32 {
        let norms = self.norm() * other.norm();
        if norms == 0.0 {
            0.0
        } else {
            self.dot(other) / norms
        }
    }

    /// The sum of two vectors.
    pub fn add(&self, other: &Vector) -> Vector {
        let (a, b) = (&self.0, &other.0);
        let mut sum = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
                sum.push(a[i]);
                i += 1;
            } else if i == a.len() || b[j].0 < a[i].0 {
                sum.push(b[j]);
                j += 1;
            } else {
                sum.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
        Vector(sum)
    }

    /// The same weights times `factor`.
    pub fn scaled(mut self, factor: f32) -> Vector {
        for (_, w) in &mut self.0 {
            *w *= factor;
        }
        self
    }
}

/// The dot product of two dense vectors of one length. Eight running
/// sums, so the compiler can use vector instructions: a plain `sum()` of
/// floats must add in order and runs several times slower.
pub fn dense_dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0.0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let rest: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for i in 0..8 {
            sums[i] += x[i] * y[i];
        }
    }
    sums.iter().sum::<f32>() + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_sorted_and_summed() {
        let v = Vector::from_pairs(vec![(3, 1.0), (1, 2.0), (3, 0.5)]);
        assert_eq!(v.0, vec![(1, 2.0), (3, 1.5)]);
    }

    #[test]
    fn cosine_dot_and_sum() {
        let a = Vector::from_pairs(vec![(1, 1.0), (2, 1.0)]);
        let b = Vector::from_pairs(vec![(2, 1.0), (3, 1.0)]);
        assert!((a.cosine(&b) - 0.5).abs() < 1e-6);
        assert_eq!(a.dot(&b), 1.0);
        assert_eq!(a.add(&b).0, vec![(1, 1.0), (2, 2.0), (3, 1.0)]);
        assert!((a.clone().unit().norm() - 1.0).abs() < 1e-6);
        assert_eq!(a.cosine(&Vector::default()), 0.0);
    }

    #[test]
    fn dense_dot_adds_every_product() {
        let a: Vec<f32> = (0..19).map(|i| i as f32).collect();
        let b: Vec<f32> = (0..19).map(|i| (i % 3) as f32).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_eq!(dense_dot(&a, &b), plain);
        assert_eq!(dense_dot(&[], &[]), 0.0);
    }
}
