//! Seda's receiver: the endpoint the widget posts responses to. It stores each
//! response once per Idempotency-Key, checks it against its form with the engine
//! the widget runs (`seda-core`), serves forms to the widget, and streams exports.
//!
//! The router is built in [`app`] over one [`AppState`]; handlers live in `routes/`;
//! every error is an [`error::AppError`] answered as `application/problem+json`.

pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod auth;
pub mod canonical;
pub mod cases;
pub mod catalog;
pub mod cli;
pub mod engine;
pub mod error;
pub mod files;
pub mod flat;
pub mod form_settings;
pub mod ingest;
pub mod limits;
pub mod metrics;
pub mod period;
pub mod privacy;
pub mod reports;
pub mod routes;
pub mod secret;
pub mod settings;
pub mod span;
pub mod store;
pub mod visits;

use std::sync::Arc;

use axum::Router;

pub use settings::{Settings, UnknownForms};
pub use store::Store;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub files: Arc<dyn files::FileStore>,
    pub settings: Arc<Settings>,
    pub metrics: Arc<metrics::Metrics>,
    pub catalog: Arc<catalog::Catalog>,
    pub limits: Arc<limits::Limits>,
}

impl AppState {
    pub fn new(store: Store, files: Arc<dyn files::FileStore>, settings: Settings) -> Self {
        AppState {
            limits: Arc::new(limits::Limits::new(&settings, &store)),
            store,
            files,
            settings: Arc::new(settings),
            metrics: Arc::default(),
            catalog: Arc::default(),
        }
    }
}

/// The whole HTTP interface.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// The HTTP interface with a site beside it (`serve --assets DIR`, `--demo`).
pub fn app_with_site(state: AppState, site: &routes::Site) -> Router {
    routes::router_with_site(state, site)
}

/// Now, in microseconds since 1970-01-01 UTC.
pub fn now_micros() -> i64 {
    let t = time::OffsetDateTime::now_utc();
    (t.unix_timestamp_nanos() / 1_000) as i64
}
