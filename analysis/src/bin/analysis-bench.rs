//! Time and peak memory of the analysis for 1k, 10k and 50k ideas:
//! `cargo run --release -p analysis --bin analysis-bench`. The ideas are
//! made by recombining fragments of real-looking Dutch ideas with a fixed
//! seed, so every run measures the same texts. Each size runs in a child
//! process of this binary (`--size N`), so its peak memory is its own.

use analysis::{Doc, Index};
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
/// `similar()` look-ups timed per size.
const LOOKUPS: usize = 500;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(size) = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
    {
        measure(size.parse().expect("--size takes a number of ideas"));
        return;
    }
    println!(
        "{:>6}  {:>8}  {:>8}  {:>10}  {:>16}  {:>8}  {:>12}",
        "ideas", "build", "suggest", "duplicates", "similar mean/p95", "peak", "found"
    );
    for size in SIZES {
        let status = std::process::Command::new(&args[0])
            .args(["--size", &size.to_string()])
            .status()
            .expect("the benchmark runs itself for each size");
        assert!(status.success(), "measuring {size} ideas failed");
    }
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

fn measure(size: usize) {
    let texts = ideas(size);
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Doc { id: i as i64, text })
        .collect();
    let started = Instant::now();
    let index = Index::build(&docs);
    let build = started.elapsed();
    let ids: Vec<i64> = (0..size as i64).collect();
    let started = Instant::now();
    let suggestions = index.suggest_clusters(&ids);
    let suggest = started.elapsed();
    let started = Instant::now();
    let duplicates = index.near_duplicates(None);
    let near = started.elapsed();
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
        "{size:>6}  {:>5.0} ms  {:>5.0} ms  {:>7.0} ms  {mean:>6.2} / {p95:>4.2} ms  {:>4.0} MiB  {} clusters, {} pairs",
        ms(build),
        ms(suggest),
        ms(near),
        peak_memory_mib(),
        suggestions.len(),
        duplicates.len(),
    );
}
