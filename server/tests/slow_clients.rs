//! Slow and many clients on a real socket: a connection that trickles its
//! headers is closed after the header-read timeout, connections beyond the
//! cap wait until one closes, and a normal request still works. Margins are
//! generous and the tests assert what happens, never how fast.

use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::get;
use server::connections::{ConnectionLimits, serve};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Far longer than any timeout here: if reached, the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

async fn started(limits: ConnectionLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let app = Router::new().route(
        "/",
        get(
            |ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { format!("ok {}", peer.ip()) },
        ),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(listener, app, limits, async move {
        let _ = stopped.await;
    }));
    (address, stop)
}

/// Sends a whole request and reads the whole answer (the server closes).
async fn get_root(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::time::timeout(PATIENCE, stream.read_to_string(&mut answer))
        .await
        .expect("an answer in time")
        .unwrap();
    answer
}

#[tokio::test]
async fn a_trickled_header_is_cut_off_and_normal_requests_work() {
    let (address, _stop) = started(ConnectionLimits {
        header_read_timeout: Duration::from_millis(300),
        max_connections: 100,
    })
    .await;
    let mut slow = TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: te").await.unwrap();
    let mut rest = Vec::new();
    // Closed by the server: reading ends (EOF or reset) long before PATIENCE.
    let closed = tokio::time::timeout(PATIENCE, slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the half-sent request is still open");
    let answered = String::from_utf8_lossy(&rest);
    assert!(!answered.contains("200 OK"), "{answered}");

    let mut normal = TcpStream::connect(address).await.unwrap();
    let answer = get_root(&mut normal).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("ok 127.0.0.1"), "connect info: {answer}");
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let (address, _stop) = started(ConnectionLimits {
        header_read_timeout: Duration::from_secs(60),
        max_connections: 2,
    })
    .await;
    // Two connections that say nothing take both places.
    let first = TcpStream::connect(address).await.unwrap();
    let _second = TcpStream::connect(address).await.unwrap();
    let mut third = TcpStream::connect(address).await.unwrap();
    third
        .write_all(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut byte = [0u8; 1];
    let waited = tokio::time::timeout(Duration::from_millis(500), third.read(&mut byte)).await;
    assert!(
        waited.is_err(),
        "the third connection was served beyond the cap"
    );
    // One place frees up: the waiting request is answered.
    drop(first);
    let mut answer = Vec::new();
    tokio::time::timeout(PATIENCE, third.read_to_end(&mut answer))
        .await
        .expect("answered once a place is free")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
