//! The `trechter` binary's library: configuration, the HTTP router with its
//! security layers, static assets, demo data, and the subcommands. `main.rs`
//! only parses the command line and calls [`run`]; tests drive [`router`]
//! without a socket.

pub mod admin;
pub mod assets;
pub mod config;
pub mod connections;
pub mod demo;
pub mod embedder;
pub mod health;
pub mod mailer;
pub mod maintenance;
pub mod metrics;
pub mod router;
pub mod security;
pub mod telemetry;
pub mod theme;

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
        Command::Embed => {
            let Some(url) = config.embeddings_url.clone() else {
                return Err("trechter embed needs TRECHTER_EMBEDDINGS_URL".into());
            };
            let db = Db::open(&config.database_url).await?;
            embedder::fill_in(&db, &url).await?;
            db.close().await;
        }
        Command::Demo => {
            let db = Db::open(&config.database_url).await?;
            let report = demo::load(&db).await?;
            println!("{report}");
            db.close().await;
        }
        Command::Backup { file } => {
            let db = Db::open(&config.database_url).await?;
            let checked = store::backup::backup(&db, &file).await?;
            println!("{}", backup_report("Backup written", &file, &checked));
            db.close().await;
        }
        Command::Restore { file } => {
            if store::Engine::of_url(&config.database_url) != store::Engine::Sqlite {
                return Err(store::StoreError::NotSqlite.into());
            }
            let path = config
                .database_url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let target = std::path::PathBuf::from(path.split('?').next().unwrap_or(path));
            let checked = store::backup::restore(&file, &target).await?;
            println!("{}", backup_report("Restored into", &target, &checked));
        }
        Command::Admin(AdminCommand::Create { email }) => {
            let db = Db::open(&config.database_url).await?;
            let link = admin::create_invite(&db, &config, &email).await?;
            println!("Invitation for the admin {email} (valid for 7 days, once):\n{link}");
            db.close().await;
        }
        Command::Admin(AdminCommand::AllowPasswords) => {
            let db = Db::open(&config.database_url).await?;
            admin::allow_passwords(&db).await?;
            println!("Admins and staff can sign in with a password again.");
            db.close().await;
        }
        Command::Serve => serve(config).await?,
    }
    Ok(())
}

/// What a backup or restore did: the file and its rows per table.
fn backup_report(what: &str, file: &std::path::Path, checked: &store::backup::Checked) -> String {
    let rows: i64 = checked.rows.iter().map(|(_, n)| n).sum();
    let ideas = checked
        .rows
        .iter()
        .find(|(t, _)| t == "ideas")
        .map_or(0, |(_, n)| *n);
    format!(
        "{what} {} (integrity ok): {} tables, {rows} rows, {ideas} ideas",
        file.display(),
        checked.rows.len()
    )
}

async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    // A security contact that may be stale is refused before anything runs.
    config.security_txt(chrono::Utc::now())?;
    // So is a theme people could not read.
    theme::load(config.theme.as_deref())?;
    // And an OpenID provider that is set up halfway.
    config.provider("")?;
    let db = Db::open(&config.database_url).await?;
    // Ideas stored before search existed get their search words now.
    let indexed = store::idea::index_missing(&db).await?;
    if indexed > 0 {
        tracing::info!(indexed, "ideas added to the search index");
    }
    let metrics = metrics::Metrics::default();
    let parts = build_state(&config, db.clone()).await?;
    let meaning = parts.0.meaning.clone();
    let app = security::with_hsts(
        router::router_with_metrics(parts, metrics.clone()),
        config.hsts_max_age,
    );
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let metrics_server = match config.metrics_listen {
        Some(address) => {
            let listener = tokio::net::TcpListener::bind(address).await?;
            tracing::info!(address = %listener.local_addr()?, "metrics at /metrics");
            let app = metrics::router(metrics, db.clone());
            Some(tokio::spawn(
                async move { axum::serve(listener, app).await },
            ))
        }
        None => None,
    };
    tracing::info!(address = %listener.local_addr()?, engine = ?db.engine(), "Trechter is listening");
    if config.smtp_url.is_some() && config.public_url.is_none() {
        tracing::warn!(
            "TRECHTER_SMTP_URL is set without TRECHTER_PUBLIC_URL: mail holds no links; \
             invitation links are shown on screen instead"
        );
    }
    let cleaner = tokio::spawn(maintenance::run(db.clone()));
    let sender = match &config.smtp_url {
        Some(url) => Some(tokio::spawn(mailer::run(
            db.clone(),
            mailer::Mailer::new(url, &config.mail_from)?,
        ))),
        None => None,
    };
    let embedder = config
        .embeddings_url
        .clone()
        .map(|url| tokio::spawn(embedder::run(db.clone(), url, meaning)));
    connections::serve(listener, app, config.connection_limits(), shutdown_signal()).await?;
    cleaner.abort();
    if let Some(embedder) = embedder {
        embedder.abort();
    }
    if let Some(metrics_server) = metrics_server {
        metrics_server.abort();
    }
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

/// Resolves on Ctrl-C or SIGTERM. The server then stops accepting
/// connections and lets in-flight requests finish.
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
