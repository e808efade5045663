//! Counters for `GET /metrics`, in the Prometheus text format. A handful of atomics
//! and one histogram: written by hand rather than with a metrics framework, as
//! that is all the receiver reports.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::error::Reason;

/// Upper bounds (seconds) of the ingest latency histogram's buckets.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Debug, Default)]
pub struct Metrics {
    accepted: AtomicU64,
    replayed: AtomicU64,
    rejected: [AtomicU64; Reason::ALL.len()],
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Metrics {
    pub fn accepted(&self) {
        self.accepted.fetch_add(1, Ordering::Relaxed);
    }

    pub fn replayed(&self) {
        self.replayed.fetch_add(1, Ordering::Relaxed);
    }

    pub fn rejected(&self, reason: Reason) {
        if let Some(i) = Reason::ALL.iter().position(|r| *r == reason) {
            self.rejected[i].fetch_add(1, Ordering::Relaxed);
        }
    }

    /// One `POST /responses`, whatever its outcome.
    pub fn observe(&self, took: Duration) {
        let secs = took.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            if secs <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let mut out = String::new();
        out.push_str("# HELP seda_responses_accepted_total Responses stored on first receipt (201).\n");
        out.push_str("# TYPE seda_responses_accepted_total counter\n");
        out.push_str(&format!("seda_responses_accepted_total {}\n", get(&self.accepted)));
        out.push_str("# HELP seda_responses_replayed_total Responses received again with the same body (200).\n");
        out.push_str("# TYPE seda_responses_replayed_total counter\n");
        out.push_str(&format!("seda_responses_replayed_total {}\n", get(&self.replayed)));
        out.push_str("# HELP seda_responses_rejected_total POST /responses answered with an error, by reason.\n");
        out.push_str("# TYPE seda_responses_rejected_total counter\n");
        for (reason, n) in Reason::ALL.iter().zip(&self.rejected) {
            out.push_str(&format!("seda_responses_rejected_total{{reason=\"{}\"}} {}\n", reason.slug(), get(n)));
        }
        out.push_str("# HELP seda_ingest_duration_seconds Time to answer POST /responses.\n");
        out.push_str("# TYPE seda_ingest_duration_seconds histogram\n");
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            out.push_str(&format!("seda_ingest_duration_seconds_bucket{{le=\"{bound}\"}} {}\n", get(bucket)));
        }
        let count = get(&self.count);
        out.push_str(&format!("seda_ingest_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n"));
        out.push_str(&format!("seda_ingest_duration_seconds_sum {}\n", get(&self.sum_micros) as f64 / 1e6));
        out.push_str(&format!("seda_ingest_duration_seconds_count {count}\n"));
        out
    }
}
