//! The administration commands, run as the built binary against a SQLite database.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use axum::http::StatusCode;
use common::admin::{audit, complaint, file_of, has_entry};
use common::{app_on, payloads, post_json, send, settings};
use seda_receiver::{accounts, now_micros, Store};

/// Runs `seda-receiver ARGS` with `stdin` as its input.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_seda-receiver"))
        .args(args)
        .env_remove("SEDA_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn url_of(dir: &Path) -> String {
    format!("sqlite://{}/seda.db", dir.display())
}

#[tokio::test]
async fn users_add_reads_the_password_from_stdin() {
    let dir = tempfile::TempDir::new().unwrap();
    let url = url_of(dir.path());
    let added = run(&["users", "add", "ana", "--role", "viewer", "--database", &url], "a long passphrase\n");
    assert!(added.status.success(), "{}", text(&added));
    let store = Store::connect(&url).await.unwrap();
    let user = store.user("ana").await.unwrap().unwrap();
    assert!(user.password_hash.starts_with("$argon2id$"), "{}", user.password_hash);
    assert_eq!(user.role, "viewer");
    assert!(accounts::sign_in(&store, "ana", "a long passphrase", now_micros(), 60).await.unwrap().is_some());
    // The name is taken; a short password is refused; neither changes anything.
    let again = run(&["users", "add", "ana", "--database", &url], "another passphrase\n");
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("already"), "{}", text(&again));
    let short = run(&["users", "add", "bob", "--database", &url], "short\n");
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short).contains("shorter than 10"), "{}", text(&short));
    assert!(store.user("bob").await.unwrap().is_none());
    let list = run(&["users", "list", "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&list.stdout), "ana\tviewer\n");
    let entries = store.audit_entries(10, Some("user.add")).await.unwrap();
    assert_eq!((entries.len(), entries[0].actor.as_str(), entries[0].target.as_deref()), (1, "cli", Some("ana")));
}

#[tokio::test]
async fn erase_removes_rows_and_files() {
    let dir = tempfile::TempDir::new().unwrap();
    let url = url_of(dir.path());
    let app = app_on(&url, settings()).await;
    for (id, contact) in [("k-1", None), ("k-2", Some(("email", "ana@shop.example"))), ("k-3", None)] {
        assert_eq!(send(&app.router, complaint(id, contact)).await.status, StatusCode::CREATED);
    }
    let (f1, f2) = (file_of(&app, "k-1").await, file_of(&app, "k-2").await);
    let files = app.files.path().to_str().unwrap().to_owned();
    let by_id = run(&["erase", "--response", "k-1", "--database", &url, "--files", &files], "");
    assert!(by_id.status.success(), "{}", text(&by_id));
    assert_eq!(String::from_utf8_lossy(&by_id.stdout), "erased 1 responses and 1 files\n");
    let by_contact = run(&["erase", "--contact", "ANA@shop.example", "--database", &url, "--files", &files], "");
    assert_eq!(String::from_utf8_lossy(&by_contact.stdout), "erased 1 responses and 1 files\n", "{}", text(&by_contact));
    assert!(!f1.exists() && !f2.exists());
    assert_eq!(app.store.count_responses(None).await.unwrap(), 1);
    // Exactly one of the three.
    let both = run(&["erase", "--response", "k-3", "--contact", "x@y", "--database", &url], "");
    assert_eq!(both.status.code(), Some(2), "{}", text(&both));
    assert!(has_entry(&audit(&app).await, "cli", "erase", Some("response:k-1")));
}

#[tokio::test]
async fn backup_writes_a_database_that_opens() {
    let dir = tempfile::TempDir::new().unwrap();
    let url = url_of(dir.path());
    let app = app_on(&url, settings()).await;
    for id in ["p-1", "p-2"] {
        assert_eq!(send(&app.router, post_json(&payloads::nps(id, 9))).await.status, StatusCode::CREATED);
    }
    let copy = dir.path().join("backup.db");
    let copy_text = copy.to_str().unwrap();
    // While the receiver has the database open.
    let made = run(&["backup", copy_text, "--database", &url], "");
    assert!(made.status.success(), "{}", text(&made));
    let restored = Store::connect(&format!("sqlite://{copy_text}")).await.unwrap();
    assert_eq!(restored.count_responses(None).await.unwrap(), 2);
    let refused = run(&["backup", copy_text, "--database", &url], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused).contains("exists already"), "{}", text(&refused));
}

#[tokio::test]
async fn form_settings_and_retention() {
    let dir = tempfile::TempDir::new().unwrap();
    let url = url_of(dir.path());
    let set = run(&["forms", "settings", "nps", "--allowed-origin", "https://shop.example", "--retention-days", "90", "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&set.stdout), "form nps: allowed origins https://shop.example; responses 90 days\n", "{}", text(&set));
    // Only what is given changes.
    let any = run(&["forms", "settings", "nps", "--any-origin", "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&any.stdout), "form nps: allowed origins any; responses 90 days\n", "{}", text(&any));
    let bad = run(&["forms", "settings", "nps", "--allowed-origin", "shop.example", "--database", &url], "");
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let ran = run(&["retention", "run", "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "nothing is past its retention period\n", "{}", text(&ran));
}

#[tokio::test]
async fn webhooks_add_list_remove() {
    let dir = tempfile::TempDir::new().unwrap();
    let url = url_of(dir.path());
    let added = run(&["webhooks", "add", "https://hooks.example/T1", "--format", "slack", "--event", "complaint.urgent", "--event", "survey.detractor", "--database", &url], "");
    assert!(added.status.success(), "{}", text(&added));
    let out = String::from_utf8_lossy(&added.stdout).into_owned();
    assert!(out.starts_with("added webhook ") && out.ends_with("(slack: complaint.urgent, survey.detractor)\n"), "{out}");
    let id = out.split_whitespace().nth(2).unwrap().to_owned();
    let list = run(&["webhooks", "list", "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&list.stdout), format!("{id}\tslack\tcomplaint.urgent,survey.detractor\thttps://hooks.example/T1\n"));
    // Each mistake is named as the command line spells it.
    for (args, named) in [
        (vec!["webhooks", "add", "ftp://hooks.example", "--event", "complaint.urgent"], "URL:"),
        (vec!["webhooks", "add", "https://hooks.example", "--format", "xml", "--event", "complaint.urgent"], "--format:"),
        (vec!["webhooks", "add", "https://hooks.example", "--event", "complaint.late"], "--event:"),
    ] {
        let refused = run(&[args, vec!["--database", &url]].concat(), "");
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        assert!(text(&refused).contains(named), "{named} in {}", text(&refused));
    }
    let removed = run(&["webhooks", "remove", &id, "--database", &url], "");
    assert_eq!(String::from_utf8_lossy(&removed.stdout), format!("removed webhook {id}\n"), "{}", text(&removed));
    let again = run(&["webhooks", "remove", &id, "--database", &url], "");
    assert_eq!(again.status.code(), Some(1));
    let store = Store::connect(&url).await.unwrap();
    assert!(store.webhooks().await.unwrap().is_empty());
    assert_eq!(store.audit_entries(10, Some("webhook.add")).await.unwrap()[0].actor, "cli");
}

#[test]
fn serve_names_a_bad_due_time() {
    let refused = run(&["serve", "--due-urgent", "5y", "--database", "sqlite://./never/seda.db"], "");
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(text(&refused).contains("--due-urgent") && text(&refused).contains("not a unit"), "{}", text(&refused));
}
