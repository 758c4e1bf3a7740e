//! Character n-grams of a word with its boundaries marked ("^zwe", "les$"),
//! so a misspelt word still shares most of its spelling with the right one
//! ("energierekning" ~ "energierekening") and a compound shares the inside
//! of its parts. Hashed, as there are many and they are never shown.

/// The hashes of a word's n-grams for every n in `sizes`.
pub fn hashes(word: &str, sizes: std::ops::RangeInclusive<usize>) -> Vec<u64> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars())
        .chain(std::iter::once('$'))
        .collect();
    let mut found = Vec::new();
    for n in sizes {
        if chars.len() < n {
            continue;
        }
        found.extend(chars.windows(n).map(hash));
    }
    found
}

/// FNV-1a: small, stable across runs and platforms.
fn hash(chars: &[char]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        hash ^= *c as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_keep_most_of_their_ngrams() {
        let right = hashes("energierekening", 3..=5);
        let typo = hashes("energierekning", 3..=5);
        let shared = typo.iter().filter(|g| right.contains(g)).count();
        assert!(shared * 2 >= typo.len(), "{shared} of {}", typo.len());
    }

    #[test]
    fn short_words_have_their_boundaries() {
        // "^les", "les$" at 4; "^les$" at 5; "^le", "les", "es$" at 3.
        assert_eq!(hashes("les", 3..=5).len(), 6);
        assert_eq!(hashes("a", 4..=4).len(), 0);
        assert_eq!(hashes("les", 4..=4), hashes("les", 4..=4));
    }
}
