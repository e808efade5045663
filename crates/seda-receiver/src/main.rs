//! `seda-receiver serve` runs the endpoint; `seda-receiver forms add FILE` registers
//! a form version; the administration commands (`users`, `erase`, `retention`,
//! `backup`, `forms settings`) are in the library's `cli`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use seda_receiver::alerts::delivery;
use seda_receiver::audit::{self, Actor};
use seda_receiver::cases::{self, intake::DueTimes};
use seda_receiver::files::FilesAt;
use seda_receiver::limits::{self, Rate};
use seda_receiver::settings::{
    DEFAULT_DATABASE, DEFAULT_DUE, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MULTIPART_BYTES, DEFAULT_ROOT_CAUSES, DEFAULT_WEBHOOK_BACKOFF,
};
use seda_receiver::span::Span;
use seda_receiver::store::FormAdded;
use seda_receiver::routes::Site;
use seda_receiver::{app_with_site, catalog, cli, now_micros, privacy, AppState, Settings, Store, UnknownForms};

#[derive(Parser)]
#[command(name = "seda-receiver", version, about = "Seda's endpoint: takes the widget's responses, checks them against their forms, exports them.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// sqlite://PATH or postgres://USER@HOST:PORT/DB.
        #[arg(long, env = "SEDA_DATABASE_URL", default_value = DEFAULT_DATABASE)]
        database: String,
        /// Where attached files are kept: a folder, or s3://BUCKET[/PREFIX] with the AWS_*
        /// environment (default: `files/` beside a SQLite database, else ./data/files).
        #[arg(long)]
        files: Option<FilesAt>,
        /// What to do with a response to a form that is neither registered nor built in.
        #[arg(long, value_enum, default_value_t = UnknownForms::Accept)]
        unknown_forms: UnknownForms,
        /// The largest JSON or form-encoded body, in bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_BODY_BYTES)]
        max_body_bytes: usize,
        /// The largest multipart body, in bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_MULTIPART_BYTES)]
        max_multipart_bytes: usize,
        /// Cache-Control max-age of GET /forms/{id}, in seconds.
        #[arg(long, default_value_t = 300)]
        form_max_age: u32,
        /// POST /responses per client address (N/s, N/min, N/h, or off), in bursts of up to N.
        #[arg(long, default_value_t = Rate::DEFAULT_RESPONSES)]
        rate_limit: Rate,
        /// POST /session (sign-in attempts) per client address.
        #[arg(long, default_value_t = Rate::DEFAULT_SIGN_IN)]
        sign_in_limit: Rate,
        /// Behind a proxy: the client is the last X-Forwarded-For address.
        #[arg(long)]
        trust_forwarded_for: bool,
        /// How long a sign-in lasts, in hours.
        #[arg(long, default_value_t = 12)]
        session_hours: i64,
        /// Serve this folder at `/` (the widget's dist/), beside the API.
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
        /// Answer GET /demo/responses with the newest responses, to anyone: for the demo only.
        #[arg(long)]
        demo: bool,
        /// How soon an urgent or safety complaint's case is due (30min, 24h, 2d, 1w).
        #[arg(long, env = "SEDA_DUE_URGENT", default_value_t = Span(DEFAULT_DUE.urgent))]
        due_urgent: Span,
        /// How soon any other complaint's case is due.
        #[arg(long, env = "SEDA_DUE_NORMAL", default_value_t = Span(DEFAULT_DUE.normal))]
        due_normal: Span,
        /// The root causes a case may be closed with, comma-separated.
        #[arg(long, env = "SEDA_ROOT_CAUSES", value_delimiter = ',', default_values_t = DEFAULT_ROOT_CAUSES.map(String::from))]
        root_causes: Vec<String>,
        /// The first retry of a failed webhook delivery waits this many seconds (then 4 times more each time).
        #[arg(long, hide = true, default_value_t = DEFAULT_WEBHOOK_BACKOFF.as_secs())]
        webhook_backoff_seconds: u64,
        /// Serve the desk's built files (crates/seda-desk/dist) at /desk/.
        #[arg(long, value_name = "DIR")]
        desk: Option<PathBuf>,
    },
    /// Manage registered forms.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
    },
    #[command(flatten)]
    Admin(cli::AdminCommand),
}

#[derive(Subcommand)]
enum FormsCommand {
    /// Check a form definition and register it as a new version.
    Add {
        file: PathBuf,
        #[arg(long, env = "SEDA_DATABASE_URL", default_value = DEFAULT_DATABASE)]
        database: String,
    },
    /// Show or change a form's allowed origins and retention period.
    Settings(cli::FormSettingsArgs),
}

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("seda-receiver: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve {
                listen,
                database,
                files,
                unknown_forms,
                max_body_bytes,
                max_multipart_bytes,
                form_max_age,
                rate_limit,
                sign_in_limit,
                trust_forwarded_for,
                session_hours,
                assets,
                demo,
                due_urgent,
                due_normal,
                root_causes,
                webhook_backoff_seconds,
                desk,
            } => {
                let root_causes: Vec<String> = root_causes.iter().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect();
                if root_causes.is_empty() {
                    return Err("--root-causes: name at least one".to_owned());
                }
                let settings = Settings {
                    unknown_forms,
                    admin_token: std::env::var("SEDA_ADMIN_TOKEN").ok().filter(|t| !t.is_empty()),
                    max_body_bytes,
                    max_multipart_bytes,
                    form_max_age,
                    rate_limit,
                    sign_in_limit,
                    trust_forwarded_for,
                    session_seconds: session_hours.max(1) * 3600,
                    due: DueTimes { urgent: due_urgent.0, normal: due_normal.0 },
                    root_causes,
                    webhook_backoff: Duration::from_secs(webhook_backoff_seconds.max(1)),
                };
                let files = FilesAt::or_beside(files, &database);
                serve(listen, &database, files, settings, Site { assets, demo, desk }).await
            }
            Command::Forms { command: FormsCommand::Add { file, database } } => add_form(&file, &database).await,
            Command::Forms { command: FormsCommand::Settings(args) } => cli::form_settings(args).await,
            Command::Admin(command) => cli::run(command).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("seda-receiver: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(listen: SocketAddr, database: &str, files: FilesAt, settings: Settings, site: Site) -> Result<(), String> {
    if let Some(dir) = site.assets.as_deref().filter(|d| !d.is_dir()) {
        return Err(format!("--assets {}: not a folder", dir.display()));
    }
    if let Some(dir) = site.desk.as_deref().filter(|d| !d.join("index.html").is_file()) {
        return Err(format!("--desk {}: no index.html there (build the desk with tools/build-desk.sh)", dir.display()));
    }
    let store = Store::connect(database).await.map_err(|e| format!("cannot open the database: {e}"))?;
    if settings.admin_token.is_none() {
        tracing::warn!("SEDA_ADMIN_TOKEN is not set: the admin API and exports answer 401");
    }
    let files = files.open().await.map_err(|e| format!("cannot open the file store: {e}"))?;
    // Complaints stored before cases were kept get theirs now.
    let opened = cases::backfill(&store, &settings.due).await.map_err(|e| format!("cannot open the complaints' cases: {e}"))?;
    if opened > 0 {
        tracing::info!(opened, "opened cases for complaints stored without one");
    }
    let state = AppState::new(store, files, settings);
    tokio::spawn(privacy::retention_task(state.clone(), privacy::RETENTION_EVERY));
    tokio::spawn(delivery::delivery_task(state.clone(), delivery::POLL_EVERY));
    if state.store.is_shared() {
        tokio::spawn(limits::prune_task(state.store.clone(), limits::PRUNE_EVERY));
    }
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    tracing::info!(%listen, "seda-receiver serving");
    // The peer's address is what rate limits count by.
    axum::serve(listener, app_with_site(state, &site).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

async fn add_form(file: &Path, database: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let store = Store::connect(database).await.map_err(|e| format!("cannot open the database: {e}"))?;
    match catalog::register(&store, &text, now_micros()).await {
        Ok((added, form)) => {
            let what = if added == FormAdded::Created { "registered" } else { "already registered, unchanged:" };
            println!("{what} form {} version {}", form.form_id, form.version);
            let target = format!("{}@{}", form.form_id, form.version);
            let detail = serde_json::json!({"created": added == FormAdded::Created});
            audit::record(&store, &Actor::Cli, None, "form.add", Some(&target), Some(detail)).await.map_err(|e| format!("not in the audit log: {e}"))?;
            Ok(())
        }
        Err(seda_receiver::error::AppError::Rejected { detail, problems, .. }) if !problems.is_empty() => {
            let lines: Vec<String> =
                problems.iter().map(|p| format!("  {}: {}", if p.path.is_empty() { "form" } else { &p.path }, p.message)).collect();
            Err(format!("{} is not registered:\n{}", file.display(), if lines.is_empty() { detail } else { lines.join("\n") }))
        }
        Err(e) => Err(format!("{} is not registered: {e}", file.display())),
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (as `info,seda_receiver=debug`), else `info`.
fn init_logging() {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let filter: Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    tracing_subscriber::registry().with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr)).with(filter).init();
}
