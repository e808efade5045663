//! The administration commands: `users`, `erase`, `retention run`, `backup`,
//! `webhooks`, and `forms settings`. Each works on the database directly (with the
//! receiver running or not) and is recorded in the audit log as the command line's (`cli`).

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::accounts::{self, Role};
use crate::alerts::{self, hook::NewWebhook};
use crate::error::AppError;
use crate::audit::{self, Actor};
use crate::catalog::Catalog;
use crate::files::{FileStore, FilesAt};
use crate::privacy::{self, Erasure};
use crate::settings::DEFAULT_DATABASE;
use crate::{now_micros, Store};

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Manage the accounts people sign in with.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Erase responses (and their files) by response id, complaint reference or contact address.
    Erase {
        #[command(flatten)]
        what: EraseTarget,
        #[command(flatten)]
        place: Place,
    },
    /// Delete responses older than their form's retention period.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Copy a SQLite database, consistently, while the receiver runs, to a new FILE.
    Backup {
        file: PathBuf,
        #[command(flatten)]
        place: Place,
    },
    /// Manage the webhooks alerts are sent to.
    Webhooks {
        #[command(subcommand)]
        command: WebhooksCommand,
    },
}

#[derive(Subcommand)]
pub enum WebhooksCommand {
    /// Send alerts to URL (http or https).
    Add {
        url: String,
        /// json (the alert's facts) or slack (`{"text": ...}`, for Slack and tools that read it).
        #[arg(long, default_value = "json")]
        format: String,
        /// complaint.urgent or survey.detractor (repeat for both).
        #[arg(long = "event", required = true)]
        events: Vec<String>,
        #[command(flatten)]
        place: Place,
    },
    /// List the webhooks.
    List {
        #[command(flatten)]
        place: Place,
    },
    /// Remove a webhook and its deliveries.
    Remove {
        id: String,
        #[command(flatten)]
        place: Place,
    },
}

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Add an account; the password is read from stdin (one line) or prompted for.
    Add {
        name: String,
        #[arg(long, value_enum, default_value_t = Role::Admin)]
        role: Role,
        #[command(flatten)]
        place: Place,
    },
    /// Remove an account and end its sessions.
    Remove {
        name: String,
        #[command(flatten)]
        place: Place,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        place: Place,
    },
}

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Delete them now (`serve` does it every hour).
    Run {
        #[command(flatten)]
        place: Place,
    },
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct EraseTarget {
    /// The response's id (its Idempotency-Key).
    #[arg(long)]
    response: Option<String>,
    /// A complaint's reference code, as K7Q4-MZ8P.
    #[arg(long)]
    reference: Option<String>,
    /// An email address or a phone number given in an answer.
    #[arg(long)]
    contact: Option<String>,
}

/// Changes only what is given; with nothing given, shows the settings.
#[derive(Args)]
pub struct FormSettingsArgs {
    form_id: String,
    /// A site whose pages may post responses (repeat for more); replaces the list.
    #[arg(long = "allowed-origin", conflicts_with = "any_origin")]
    allowed_origins: Vec<String>,
    /// Take responses from any site.
    #[arg(long)]
    any_origin: bool,
    /// Delete responses older than this many days.
    #[arg(long, conflicts_with = "keep_forever")]
    retention_days: Option<i64>,
    /// Keep responses.
    #[arg(long)]
    keep_forever: bool,
    #[command(flatten)]
    place: Place,
}

/// Where the data is.
#[derive(Args)]
pub struct Place {
    /// sqlite://PATH or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "SEDA_DATABASE_URL", default_value = DEFAULT_DATABASE)]
    database: String,
    /// Where attached files are kept: a folder, or s3://BUCKET[/PREFIX] with the AWS_*
    /// environment (default: `files/` beside a SQLite database, else ./data/files).
    #[arg(long)]
    files: Option<FilesAt>,
}

impl Place {
    async fn store(&self) -> Result<Store, String> {
        Store::connect(&self.database).await.map_err(|e| format!("cannot open the database: {e}"))
    }

    async fn files(&self) -> Result<Arc<dyn FileStore>, String> {
        let at = FilesAt::or_beside(self.files.clone(), &self.database);
        at.open().await.map_err(|e| format!("cannot open the file store: {e}"))
    }
}

pub async fn run(command: AdminCommand) -> Result<(), String> {
    match command {
        AdminCommand::Users { command: UsersCommand::Add { name, role, place } } => {
            let password = read_password(&name)?;
            let store = place.store().await?;
            accounts::add_user(&store, &name, &password, role, now_micros()).await.map_err(|e| e.to_string())?;
            record(&store, "user.add", Some(&name), Some(json!({"role": role}))).await?;
            println!("added {} user {name}", role.name());
        }
        AdminCommand::Users { command: UsersCommand::Remove { name, place } } => {
            let store = place.store().await?;
            if !store.remove_user(&name).await.map_err(|e| e.to_string())? {
                return Err(format!("there is no user named {name:?}"));
            }
            record(&store, "user.remove", Some(&name), None).await?;
            println!("removed user {name}");
        }
        AdminCommand::Users { command: UsersCommand::List { place } } => {
            for u in place.store().await?.users().await.map_err(|e| e.to_string())? {
                println!("{}\t{}", u.name, u.role);
            }
        }
        AdminCommand::Erase { what, place } => {
            let what = match (what.response, what.reference, what.contact) {
                (Some(id), _, _) => Erasure::Response(id),
                (_, Some(code), _) => Erasure::Reference(code),
                (_, _, Some(address)) => Erasure::Contact(address),
                _ => return Err("name --response, --reference or --contact".into()),
            };
            let store = place.store().await?;
            let removed = privacy::erase(&store, &place.files().await?, &Catalog::default(), &what).await.map_err(|e| e.to_string())?;
            record(&store, "erase", Some(&what.audit_target()), Some(json!({"erased": removed.responses, "files": removed.files}))).await?;
            println!("erased {} responses and {} files", removed.responses, removed.files);
        }
        AdminCommand::Retention { command: RetentionCommand::Run { place } } => {
            let store = place.store().await?;
            let removed = privacy::run_retention(&store, &place.files().await?, now_micros()).await.map_err(|e| e.to_string())?;
            record(&store, "retention.run", None, Some(privacy::retention_detail(&removed))).await?;
            for (form, r) in &removed {
                println!("{form}: deleted {} responses and {} files", r.responses, r.files);
            }
            if removed.is_empty() {
                println!("nothing is past its retention period");
            }
        }
        AdminCommand::Backup { file, place } => backup(&file, &place).await?,
        AdminCommand::Webhooks { command } => webhooks(command).await?,
    }
    Ok(())
}

/// `forms settings ID [...]`.
pub async fn form_settings(args: FormSettingsArgs) -> Result<(), String> {
    let store = args.place.store().await?;
    let mut settings = store.form_settings(&args.form_id).await.map_err(|e| e.to_string())?.unwrap_or_default();
    let changes = !args.allowed_origins.is_empty() || args.any_origin || args.retention_days.is_some() || args.keep_forever;
    if changes {
        if args.any_origin {
            settings.allowed_origins = None;
        } else if !args.allowed_origins.is_empty() {
            settings.allowed_origins = Some(args.allowed_origins);
        }
        if args.keep_forever {
            settings.retention_days = None;
        } else if args.retention_days.is_some() {
            settings.retention_days = args.retention_days;
        }
        settings = settings.checked().map_err(|e| e.to_string())?;
        store.set_form_settings(&args.form_id, &settings, now_micros()).await.map_err(|e| e.to_string())?;
        record(&store, "form.settings", Some(&args.form_id), Some(json!(settings))).await?;
    }
    let origins = settings.allowed_origins.map_or_else(|| "any".to_owned(), |o| if o.is_empty() { "none".into() } else { o.join(" ") });
    let retention = settings.retention_days.map_or_else(|| "kept".to_owned(), |d| format!("{d} days"));
    println!("form {}: allowed origins {origins}; responses {retention}", args.form_id);
    Ok(())
}

async fn webhooks(command: WebhooksCommand) -> Result<(), String> {
    match command {
        WebhooksCommand::Add { url, format, events, place } => {
            let names: Vec<&str> = events.iter().map(String::as_str).collect();
            let hook = NewWebhook::check(&url, &format, &names).map_err(|e| match e {
                AppError::Rejected { path: Some(path), detail, .. } => format!("{}: {detail}", cli_name(&path)),
                other => other.to_string(),
            })?;
            let store = place.store().await?;
            let row = alerts::add(&store, &hook, now_micros()).await.map_err(|e| e.to_string())?;
            record(&store, "webhook.add", Some(&row.id), Some(json!({"format": row.format, "events": row.events}))).await?;
            println!("added webhook {} ({}: {})", row.id, row.format, row.events.join(", "));
        }
        WebhooksCommand::List { place } => {
            for h in place.store().await?.webhooks().await.map_err(|e| e.to_string())? {
                println!("{}\t{}\t{}\t{}", h.id, h.format, h.events.join(","), h.url);
            }
        }
        WebhooksCommand::Remove { id, place } => {
            let store = place.store().await?;
            if !store.remove_webhook(&id).await.map_err(|e| e.to_string())? {
                return Err(format!("there is no webhook {id:?}"));
            }
            record(&store, "webhook.remove", Some(&id), None).await?;
            println!("removed webhook {id}");
        }
    }
    Ok(())
}

/// A body member's path as the command line names it (`events[1]` → `--event`).
fn cli_name(path: &str) -> &'static str {
    match path.split('[').next() {
        Some("url") => "URL",
        Some("format") => "--format",
        _ => "--event",
    }
}

async fn backup(file: &Path, place: &Place) -> Result<(), String> {
    let store = place.store().await?;
    store.backup_into(file).await.map_err(|e| e.to_string())?;
    record(&store, "backup", Some(&file.display().to_string()), None).await?;
    println!("copied the database to {} (attached files stay in the file store: copy it too)", file.display());
    Ok(())
}

async fn record(store: &Store, action: &str, target: Option<&str>, detail: Option<serde_json::Value>) -> Result<(), String> {
    audit::record(store, &Actor::Cli, None, action, target, detail).await.map_err(|e| format!("done, but not in the audit log: {e}"))
}

/// Prompted for twice on a terminal; otherwise the first line of stdin.
fn read_password(name: &str) -> Result<String, String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("password for {name}: ")).map_err(|e| format!("cannot read the password: {e}"))?;
        let again = rpassword::prompt_password("the same again: ").map_err(|e| format!("cannot read the password: {e}"))?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password from stdin: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    accounts::check_password(&password)?;
    Ok(password)
}
