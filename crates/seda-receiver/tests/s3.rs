//! Attachments in an S3-compatible store. Compiled only with `--features s3-tests`; run
//! through tools/with-s3.sh, which starts a local server and sets SEDA_TEST_S3_URL and
//! the AWS_* settings. Without them every test here fails.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::admin::admin_json;
use common::{payloads, post, send, settings};
use seda_receiver::files::{FileStore, FilesAt};
use seda_receiver::{app, AppState, Store};
use serde_json::json;
use tempfile::TempDir;

fn s3_url() -> String {
    std::env::var("SEDA_TEST_S3_URL").expect("SEDA_TEST_S3_URL is not set: run these tests through tools/with-s3.sh")
}

/// `--files` as the server would parse it.
fn files_at(url: &str) -> FilesAt {
    let at: FilesAt = url.parse().expect("an s3:// URL");
    assert!(matches!(at, FilesAt::S3 { .. }), "{at:?}");
    at
}

/// A photo is put in the bucket before the row is written, a resend is harmless, and
/// erasing the response removes the object.
#[tokio::test]
async fn attachments_live_in_the_bucket() {
    let files: Arc<dyn FileStore> = files_at(&s3_url()).open().await.expect("the test bucket opens");
    let db = TempDir::new().unwrap();
    let store = Store::connect(&format!("sqlite://{}/seda.db", db.path().display())).await.unwrap();
    let router = app(AppState::new(store.clone(), files.clone(), settings()));

    let body = seda_core::endpoint::multipart(&payloads::complaint_json("s3-1", 1), "seda-s3").unwrap();
    let ct = "multipart/form-data; boundary=seda-s3";
    let a = send(&router, post(ct, Some("s3-1"), body.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let attached = store.attachments("s3-1").await.unwrap();
    assert_eq!(attached.len(), 1);
    let key = &attached[0].storage_key;
    assert_eq!(files.get(key).await.unwrap(), [0xff, 0xd8, 0xff, 0xe0]);

    // The same post again: answered from the row, and the object is still whole.
    assert_eq!(send(&router, post(ct, Some("s3-1"), body)).await.status, StatusCode::OK);
    assert_eq!(files.get(key).await.unwrap(), [0xff, 0xd8, 0xff, 0xe0]);
    // A second put of the same key (another receiver, a retry) is no error either.
    files.put(key, vec![0xff, 0xd8, 0xff, 0xe0].into()).await.unwrap();

    let erased = send(&router, admin_json("POST", "/admin/erase", json!({"response_id": "s3-1"}))).await;
    assert_eq!(erased.json(), json!({"erased": 1, "files": 1}), "{}", erased.text());
    let gone = files.get(key).await.expect_err("the object is deleted");
    assert_eq!(gone.kind(), std::io::ErrorKind::NotFound, "{gone}");
    // Deleting what is already gone is no error.
    files.delete(key).await.unwrap();
}

/// A bucket that does not exist is reported when the store is opened, naming `--files`.
#[tokio::test]
async fn a_missing_bucket_fails_at_start() {
    let url = s3_url();
    let prefix = url.trim_start_matches("s3://").split_once('/').map_or("", |(_, p)| p);
    let missing = files_at(&format!("s3://seda-no-such-bucket/{prefix}"));
    let error = missing.open().await.expect_err("no such bucket").to_string();
    assert!(error.starts_with("--files s3://seda-no-such-bucket"), "{error}");
}
