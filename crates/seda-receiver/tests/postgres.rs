//! The store scenarios on a real PostgreSQL, and two receivers racing on one database.
//! Compiled only with `--features postgres-tests`; run through tools/with-postgres.sh,
//! which sets SEDA_TEST_POSTGRES_URL. Without it every test here fails.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};

use common::{app_on, settings, TestApp};
use sqlx::migrate::MigrateDatabase;

/// A new, empty database on the test server, and its URL.
async fn fresh_database() -> String {
    let admin = std::env::var("SEDA_TEST_POSTGRES_URL")
        .expect("SEDA_TEST_POSTGRES_URL is not set: run these tests through tools/with-postgres.sh");
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!("seda_test_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    let base = admin.rsplit_once('/').map(|(b, _)| b).expect("a URL with a database");
    let url = format!("{base}/{name}");
    sqlx::any::install_default_drivers();
    sqlx::Any::create_database(&url).await.expect("create the test database");
    url
}

async fn pg_app() -> TestApp {
    app_on(&fresh_database().await, settings()).await
}

#[tokio::test]
async fn idempotency() {
    common::scenarios::idempotency(&pg_app().await).await;
}

#[tokio::test]
async fn key_from_body() {
    common::scenarios::key_from_body(&pg_app().await).await;
}

#[tokio::test]
async fn verification_is_stored() {
    common::scenarios::verification_is_stored(&pg_app().await).await;
}

#[tokio::test]
async fn control_characters() {
    common::scenarios::control_characters(&pg_app().await).await;
}

#[tokio::test]
async fn multipart_files() {
    common::scenarios::multipart_files(&pg_app().await).await;
}

#[tokio::test]
async fn forms_registered_and_served() {
    common::scenarios::forms_registered_and_served(&pg_app().await).await;
}

#[tokio::test]
async fn exports() {
    common::scenarios::exports(&pg_app().await).await;
}

#[tokio::test]
async fn migrations_run_once_per_database() {
    let url = fresh_database().await;
    let a = app_on(&url, settings()).await;
    // A second receiver on the same database finds it migrated.
    let b = app_on(&url, settings()).await;
    assert_eq!(a.store.count_responses(None).await.unwrap(), 0);
    assert_eq!(b.store.count_responses(None).await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_receivers_share_keys() {
    // Two receivers with their own pools on one database, as two processes would be.
    let url = fresh_database().await;
    let a = app_on(&url, settings()).await;
    let b = app_on(&url, settings()).await;
    common::scenarios::concurrent_keys(&[&a, &b]).await;
}

#[tokio::test]
async fn sessions() {
    common::admin::sessions(&pg_app().await).await;
}

#[tokio::test]
async fn allowed_origins() {
    common::admin::allowed_origins(&pg_app().await).await;
}

#[tokio::test]
async fn erasure() {
    common::admin::erasure(&pg_app().await).await;
}

#[tokio::test]
async fn shared_files() {
    common::admin::shared_files(&pg_app().await).await;
}

#[tokio::test]
async fn retention() {
    common::admin::retention(&pg_app().await).await;
}

#[tokio::test]
async fn backup_is_for_sqlite() {
    let app = pg_app().await;
    let dir = tempfile::TempDir::new().unwrap();
    let refused = app.store.backup_into(&dir.path().join("copy.db")).await.unwrap_err().to_string();
    assert!(refused.contains("pg_dump"), "{refused}");
}

#[tokio::test]
async fn desk_survey_report_and_comments() {
    let app = pg_app().await;
    common::desk::survey_report(&app).await;
    common::desk::comments(&app).await;
    common::desk::response_and_files(&app).await;
}

#[tokio::test]
async fn visits_reviewed_and_reported() {
    common::visits::report(&pg_app().await).await;
}

#[tokio::test]
async fn complaint_cases() {
    common::cases::lifecycle(&pg_app().await).await;
}

#[tokio::test]
async fn cases_backfill_and_overdue() {
    common::cases::backfill_and_overdue(&pg_app().await).await;
}

#[tokio::test]
async fn complaint_status() {
    common::cases::public_status(&pg_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_receivers_send_each_alert_once() {
    let url = fresh_database().await;
    let (a, b) = (app_on(&url, settings()).await, app_on(&url, settings()).await);
    common::hooks::two_senders(&a, Some(&b)).await;
}

#[tokio::test]
async fn rate_limit_turns_in_the_database() {
    let app = pg_app().await;
    common::admin::rate_limit_turns(&app).await;
    // The buckets skip the WAL: worth nothing after a crash, and no flush per request.
    let pool = sqlx::AnyPool::connect(&app.url).await.unwrap();
    let persistence: String = sqlx::query_scalar("SELECT relpersistence::text FROM pg_class WHERE oid = 'rate_limits'::regclass").fetch_one(&pool).await.unwrap();
    assert_eq!(persistence, "u", "rate_limits is UNLOGGED");
}

// Regression: each receiver kept its own buckets, so behind a load balancer a client
// got the rate once per receiver.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn receivers_on_one_database_share_the_rate_limit() {
    let url = fresh_database().await;
    let limited = || seda_receiver::Settings { rate_limit: seda_receiver::limits::Rate { count: 4, per: std::time::Duration::from_secs(60) }, ..settings() };
    let (a, b) = (app_on(&url, limited()).await, app_on(&url, limited()).await);
    common::admin::shared_rate_limit(&a, &b).await;
}
