//! The `trechter` binary's library: configuration, the HTTP router with its
//! security layers, static assets, demo data, and the subcommands. `main.rs`
//! only parses the command line and calls [`run`]; tests drive [`router`]
//! without a socket.

pub mod admin;
pub mod assets;
pub mod config;
pub mod demo;
pub mod health;
pub mod mailer;
pub mod maintenance;
pub mod router;
pub mod security;
pub mod telemetry;

pub use config::{AdminCommand, Cli, Command, Config};
pub use router::{build_state, router};

use std::time::Duration;
use store::Db;

/// Runs the chosen subcommand to completion.
pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            let db = Db::open(&config.database_url).await?;
            tracing::info!(engine = ?db.engine(), "migrations are up to date");
            db.close().await;
        }
        Command::Demo => {
            let db = Db::open(&config.database_url).await?;
            let report = demo::load(&db).await?;
            println!("{report}");
            db.close().await;
        }
        Command::Admin(AdminCommand::Create { email }) => {
            let db = Db::open(&config.database_url).await?;
            let link = admin::create_invite(&db, &config, &email).await?;
            println!("Invitation for the admin {email} (valid for 7 days, once):\n{link}");
            db.close().await;
        }
        Command::Serve => serve(config).await?,
    }
    Ok(())
}

async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let db = Db::open(&config.database_url).await?;
    // Ideas stored before search existed get their search words now.
    let indexed = store::idea::index_missing(&db).await?;
    if indexed > 0 {
        tracing::info!(indexed, "ideas added to the search index");
    }
    let app = router(build_state(&config, db.clone()).await?);
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    tracing::info!(address = %listener.local_addr()?, engine = ?db.engine(), "Trechter is listening");
    let cleaner = tokio::spawn(maintenance::run(db.clone()));
    let sender = match &config.smtp_url {
        Some(url) => Some(tokio::spawn(mailer::run(
            db.clone(),
            mailer::Mailer::new(url, &config.mail_from)?,
        ))),
        None => None,
    };
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    cleaner.abort();
    if let Some(sender) = sender {
        sender.abort();
    }
    tracing::info!("in-flight requests finished; closing the database");
    // Pending SQLite writes have been answered by now; closing is quick.
    tokio::time::timeout(Duration::from_secs(10), db.close())
        .await
        .ok();
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM. axum then stops accepting connections and
/// lets in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
