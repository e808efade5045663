//! Who did an admin action, and recording it in the audit log.

use std::fmt;
use std::net::IpAddr;

use serde_json::Value;

use crate::error::AppError;
use crate::store::{AuditEntry, Store};
use crate::now_micros;

/// Who acts: the bearer token, a signed-in user, the command line, the receiver
/// itself (the retention task), or someone not signed in (a failed sign-in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Token,
    User(String),
    Cli,
    System,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Anonymous => f.write_str("anonymous"),
            Actor::Token => f.write_str("token"),
            Actor::User(name) => write!(f, "user:{name}"),
            Actor::Cli => f.write_str("cli"),
            Actor::System => f.write_str("system"),
        }
    }
}

/// Appends an entry to the audit log, now.
pub async fn record(store: &Store, actor: &Actor, client: Option<IpAddr>, action: &str, target: Option<&str>, detail: Option<Value>) -> Result<(), AppError> {
    let entry = AuditEntry {
        at: now_micros(),
        actor: actor.to_string(),
        action: action.to_owned(),
        target: target.map(str::to_owned),
        client: client.map(|c| c.to_string()),
        detail: detail.map(|d| d.to_string()),
    };
    store.audit(&entry).await
}
