//! Time and peak memory of the analysis for 1k, 10k and 50k ideas:
//! `cargo run --release -p analysis --bin analysis-bench`. The ideas are
//! made by recombining fragments of real-looking Dutch ideas with a fixed
//! seed, so every run measures the same texts. Each size runs in a child
//! process of this binary (`--size N`), so its peak memory is its own.
//!
//! Each size is measured twice: words alone, and words with meaning (as
//! with `TRECHTER_EMBEDDINGS_URL`). The meaning's vectors there are made
//! up from the words (384 dimensions, like multilingual-e5-small's), so
//! the timing needs no model. With `TRECHTER_EMBEDDINGS_URL` set, the
//! benchmark also times the endpoint on the first `EMBEDDED` ideas.

use analysis::{Doc, Fused, Index, TfIdf};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
/// Hints timed per size, as many as the workspace shows.
const HINTS: usize = 100;
/// `similar()` look-ups timed per size.
const LOOKUPS: usize = 500;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(size) = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
    {
        let meaning = args.iter().any(|a| a == "--meaning");
        measure(
            size.parse().expect("--size takes a number of ideas"),
            meaning,
        );
        return;
    }
    println!(
        "{:>6}  {:>8}  {:>8}  {:>8}  {:>10}  {:>9}  {:>16}  {:>8}  {:>12}",
        "ideas",
        "compared",
        "build",
        "suggest",
        "duplicates",
        "100 hints",
        "similar mean/p95",
        "peak",
        "found"
    );
    for size in SIZES {
        for meaning in [false, true] {
            let mut child = std::process::Command::new(&args[0]);
            child.args(["--size", &size.to_string()]);
            if meaning {
                child.arg("--meaning");
            }
            let status = child
                .status()
                .expect("the benchmark runs itself for each size");
            assert!(status.success(), "measuring {size} ideas failed");
        }
    }
    println!("targets: similar ideas < 50 ms, suggestions for 10,000 ideas < 1 s");
    if let Ok(url) = std::env::var("TRECHTER_EMBEDDINGS_URL") {
        embedding_rate(&url);
    }
}

/// Ideas sent to a real endpoint to time it.
const EMBEDDED: usize = 1_000;

/// How fast the endpoint embeds, and what that makes of a backlog of
/// 10,000 ideas (embedded in batches, one after another, as the app
/// servers' embedders do).
fn embedding_rate(url: &str) {
    let texts = ideas(EMBEDDED);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let client = analysis::embeddings::Client::new(url);
    let started = Instant::now();
    let embedded = client
        .embed(&texts)
        .unwrap_or_else(|e| panic!("the endpoint at {url}: {e}"));
    let took = started.elapsed().as_secs_f64();
    println!(
        "endpoint {url} ({}): {EMBEDDED} ideas in {took:.1} s, {:.1} ms an idea; \
         a backlog of 10,000 ideas ≈ {:.1} min (target < 10 min)",
        embedded.model,
        took * 1000.0 / EMBEDDED as f64,
        took * 10_000.0 / EMBEDDED as f64 / 60.0
    );
}

/// Made-up sentence embeddings for the benchmark: each word a fixed
/// pseudo-random direction, a text the sum of its words' and a common
/// part, as real embeddings of texts on one topic share much. The timing
/// depends on their number and dimensions, not on what they mean.
fn made_up_embeddings(texts: &[String]) -> HashMap<String, Vec<f32>> {
    const DIMENSIONS: usize = 384;
    let direction = |word: &str| -> Vec<f32> {
        let mut seed = word.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        (0..DIMENSIONS)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                ((seed >> 40) as f32 / (1u64 << 24) as f32) - 0.5
            })
            .collect()
    };
    let common = direction("");
    texts
        .iter()
        .map(|text| {
            let mut sum: Vec<f32> = common.iter().map(|c| c * 4.0).collect();
            for word in text.split_whitespace() {
                for (s, w) in sum.iter_mut().zip(direction(word)) {
                    *s += w;
                }
            }
            (text.clone(), sum)
        })
        .collect()
}

/// Who is speaking, what they ask for, about what, and why: combined, they
/// make ideas that share topics the way a round's ideas do.
const OPENINGS: &[&str] = &[
    "",
    "Ik wil graag dat",
    "Het zou fijn zijn als",
    "Graag",
    "Als ervaringsdeskundige vind ik dat",
    "ff gezegd:",
    "Mijn voorstel:",
    "Waarom kan het niet zo dat",
    "idee:",
    "Het is echt nodig dat",
];
const WISHES: &[&str] = &[
    "er meer hulp komt bij",
    "de gemeente iets doet aan",
    "het makkelijker wordt met",
    "er gratis",
    "er eindelijk een oplossing komt voor",
    "niemand meer hoeft te wachten op",
    "we samen zorgen voor",
    "de gemeente betaalt voor",
    "ze stoppen met bezuinigen op",
    "iedereen recht heeft op",
];
const TOPICS: &[&str] = &[
    "zwemles voor kinderen",
    "de schulden van gezinnen",
    "schuldhulp zonder wachtlijst",
    "de energierekening in de winter",
    "isolatie van huurwoningen",
    "betaalbare woningen voor starters",
    "de huur die te hoog is",
    "de schoolkosten en het schoolreisje",
    "een laptop voor elke leerling",
    "de voedselbank en verse groente",
    "boodschappen met korting",
    "de tandarts voor volwassenen",
    "het eigen risico van de zorgverzekering",
    "kinderopvang voor werkende ouders",
    "een baan voor mensen in de bijstand",
    "bijverdienen naast de uitkering",
    "de toeslagen en het terugbetalen",
    "formulieren in eenvoudige taal",
    "één loket voor alle regelingen",
    "de bus naar het ziekenhuis",
    "fietsen voor kinderen",
    "sport en cultuur voor jongeren",
    "eenzame ouderen in de wijk",
    "een buurthuis met gratis koffie",
    "het fietspad bij de brug",
    "zwerfafval in het park",
    "meer bomen en groen in de straat",
    "de speeltuin achter de school",
    "verlichting in de donkere steeg",
    "te hard rijden in de woonwijk",
    "wateroverlast na een flinke bui",
    "stookoverlast van houtkachels",
    "bankjes voor ouderen langs de route",
    "internet voor gezinnen met een laag inkomen",
    "de deurwaarder en de incassokosten",
];
const PLACES: &[&str] = &[
    "",
    "in onze wijk",
    "in het centrum",
    "in Noord",
    "bij ons in de straat",
    "in het dorp",
    "voor iedereen met weinig geld",
    "voor alleenstaande ouders",
];
const REASONS: &[&str] = &[
    "",
    "want nu lukt het niet.",
    "dat scheelt echt veel.",
    "omdat veel mensen het niet kunnen betalen.",
    "zodat kinderen mee kunnen doen.",
    "het is nu veel te duur!!",
    "dan hoeft niemand zich te schamen.",
    "zoals in andere gemeentes ook gebeurt.",
    "want de wachtlijst is te lang.",
    "gwn doen",
    "voor de veiligheid van iedereen.",
    "dat is toch niet te veel gevraagd?",
];

/// A fixed-seed linear congruential generator: the same ideas every run
/// without a dependency.
struct Seeded(u64);

impl Seeded {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        from[(self.0 >> 33) as usize % from.len()]
    }
}

fn ideas(n: usize) -> Vec<String> {
    let mut seeded = Seeded(0x0072_6563_6874_6572);
    (0..n)
        .map(|_| {
            let parts = [
                seeded.pick(OPENINGS),
                seeded.pick(WISHES),
                seeded.pick(TOPICS),
                seeded.pick(PLACES),
                seeded.pick(REASONS),
            ];
            // Some ideas are only their topic, as residents write them.
            if seeded.pick(&["short", "long", "long", "long"]) == "short" {
                parts[2].to_owned()
            } else {
                parts
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        })
        .collect()
}

fn peak_memory_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn measure(size: usize, meaning: bool) {
    let texts = ideas(size);
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Doc { id: i as i64, text })
        .collect();
    let fused = meaning.then(|| Fused {
        lexical: TfIdf::default(),
        weight: analysis::FUSION_WEIGHT,
        embeddings: made_up_embeddings(&texts),
    });
    let started = Instant::now();
    let index = match &fused {
        Some(fused) => Index::with_backend(fused, &docs),
        None => Index::build(&docs),
    };
    let build = started.elapsed();
    let ids: Vec<i64> = (0..size as i64).collect();
    let started = Instant::now();
    let suggestions = index.suggest_clusters(&ids);
    let suggest = started.elapsed();
    let started = Instant::now();
    let duplicates = index.near_duplicates(None);
    let near = started.elapsed();
    // The workspace's "past misschien bij" for its first ideas, with the
    // suggestions as the clusters and every tenth idea still unplaced.
    let clusters: Vec<(i64, Vec<i64>)> = suggestions
        .iter()
        .enumerate()
        .map(|(n, s)| {
            (
                n as i64,
                s.ids.iter().copied().filter(|id| id % 10 != 0).collect(),
            )
        })
        .collect();
    let started = Instant::now();
    let unplaced: Vec<i64> = (0..size as i64).step_by(10).take(HINTS).collect();
    std::hint::black_box(index.suggest_clusters_for(&unplaced, &clusters));
    let hints = started.elapsed();
    let mut lookups: Vec<f64> = (0..LOOKUPS)
        .map(|i| {
            let started = Instant::now();
            std::hint::black_box(index.similar((i * 7919 % size) as i64, 10));
            ms(started.elapsed())
        })
        .collect();
    lookups.sort_by(f64::total_cmp);
    let mean = lookups.iter().sum::<f64>() / lookups.len() as f64;
    let p95 = lookups[lookups.len() * 95 / 100];
    println!(
        "{size:>6}  {:>8}  {:>5.0} ms  {:>5.0} ms  {:>7.0} ms  {:>6.0} ms  {mean:>6.2} / {p95:>4.2} ms  {:>4.0} MiB  {} clusters, {} pairs",
        if meaning { "+meaning" } else { "words" },
        ms(build),
        ms(suggest),
        ms(near),
        ms(hints),
        peak_memory_mib(),
        suggestions.len(),
        duplicates.len(),
    );
}
