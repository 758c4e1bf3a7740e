use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = server::Cli::parse();
    server::telemetry::init(&cli.config);
    match server::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "trechter stopped");
            eprintln!("trechter: {error}");
            ExitCode::FAILURE
        }
    }
}
