//! The receiver under load (`bash tools/bench-receiver.sh` runs it; results in
//! bench/RECEIVER.md). It starts the release binary on a fresh database, and:
//!
//! 1. steady: RESPONSES responses from CLIENTS concurrent kept-alive connections; every
//!    tenth acknowledged response is sent again (a replay: 200 expected), and for one in
//!    fifty the connection is first dropped half-way through the request (then the response
//!    goes on a new connection, as a browser retries). Then the export is read: every 2xx
//!    must be there (lost = 0), and no id twice (duplicates = 0).
//! 2. kill -9: the same load on another fresh database, the receiver killed with SIGKILL
//!    once half the responses are acknowledged, restarted on the same database; every
//!    acknowledged response must be in the export; then every response without a 2xx is sent
//!    again, and each must be stored exactly once.
//!
//! `cargo run --release -p seda-receiver --example load -- --receiver target/release/seda-receiver --database sqlite|postgres`

#[path = "../tests/wire/mod.rs"]
mod wire;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use wire::{exported_ids, nps_body, post_half_and_drop, Conn, Receiver};

const TOKEN: &str = "bench-token";

struct Options {
    receiver: PathBuf,
    /// `sqlite` (a file in a new folder under target/), `postgres` (the server of
    /// tools/with-postgres.sh) or a PostgreSQL server URL.
    database: String,
    responses: u64,
    clients: u64,
    replay_every: u64,
    drop_every: u64,
    /// The receiver's `--rate-limit`: `off`, or a limit so high that it only costs its
    /// bookkeeping (`1000000/s`), to measure that.
    rate_limit: String,
}

fn options() -> Options {
    let mut o = Options {
        receiver: PathBuf::from("target/release/seda-receiver"),
        database: "sqlite".into(),
        responses: 20_000,
        clients: 64,
        replay_every: 10,
        drop_every: 50,
        rate_limit: "off".into(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        let number = || value.parse::<u64>().unwrap_or_else(|_| panic!("{}: expected a number, got {value:?}", pair[0]));
        match pair[0].as_str() {
            "--receiver" => o.receiver = value.into(),
            "--database" => o.database = value,
            "--responses" => o.responses = number(),
            "--clients" => o.clients = number(),
            "--rate-limit" => o.rate_limit = value,
            other => panic!("unknown option {other}"),
        }
    }
    o
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    acked: HashSet<String>,
    /// Responses whose fate the clients do not know (the receiver died under them).
    unknown: HashSet<String>,
    latencies: Vec<Duration>,
    replays_ok: u64,
    drops: u64,
    errors: Vec<String>,
}

/// Runs the load until every response is acknowledged, or `stop` is set (then the
/// clients end at their first failed request).
async fn run(addr: SocketAddr, o: &Options, ids: Arc<Vec<String>>, kill_after: Option<u64>, stop: Arc<AtomicBool>) -> (Tally, Duration) {
    let next = Arc::new(AtomicU64::new(0));
    let acked_count = Arc::new(AtomicU64::new(0));
    let tally: Arc<Mutex<Tally>> = Arc::default();
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..o.clients {
        let (next, ids, tally, stop, acked_count) = (next.clone(), ids.clone(), tally.clone(), stop.clone(), acked_count.clone());
        let (replay_every, drop_every) = (o.replay_every, o.drop_every);
        clients.push(tokio::spawn(async move {
            let mut mine = Tally::default();
            let mut conn: Option<Conn> = None;
            'work: loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(id) = ids.get(n as usize) else { break };
                let body = nps_body(id, n);
                if n % drop_every == 7 {
                    // This connection is cut off half-way through the request.
                    drop(conn.take());
                    if post_half_and_drop(addr, id, &body).await.is_ok() {
                        mine.drops += 1;
                    }
                }
                let sends = if n % replay_every == 3 { 2 } else { 1 };
                for send in 0..sends {
                    loop {
                        if conn.is_none() {
                            conn = Conn::connect(addr).await.ok();
                        }
                        let t = Instant::now();
                        let answer = match conn.as_mut() {
                            Some(c) => c.post_response(id, &body).await,
                            None => Err(std::io::Error::other("cannot connect")),
                        };
                        match answer {
                            Ok((status @ (200 | 201), _)) => {
                                mine.latencies.push(t.elapsed());
                                if send == 0 {
                                    mine.acked.insert(id.clone());
                                    acked_count.fetch_add(1, Ordering::Relaxed);
                                } else if status == 200 {
                                    mine.replays_ok += 1;
                                } else {
                                    mine.errors.push(format!("{id}: a replay answered {status}"));
                                }
                                break;
                            }
                            Ok((status, body)) => {
                                mine.errors.push(format!("{id}: {status} {}", String::from_utf8_lossy(&body)));
                                break;
                            }
                            Err(e) => {
                                conn = None;
                                if stop.load(Ordering::Relaxed) {
                                    if send == 0 {
                                        mine.unknown.insert(id.clone());
                                    }
                                    break 'work;
                                }
                                mine.errors.push(format!("{id}: {e}"));
                                tokio::time::sleep(Duration::from_millis(10)).await;
                            }
                        }
                    }
                }
            }
            let mut t = tally.lock().unwrap();
            t.acked.extend(mine.acked);
            t.unknown.extend(mine.unknown);
            t.latencies.extend(mine.latencies);
            t.replays_ok += mine.replays_ok;
            t.drops += mine.drops;
            t.errors.extend(mine.errors);
        }));
    }
    if let Some(limit) = kill_after {
        while acked_count.load(Ordering::Relaxed) < limit {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        stop.store(true, Ordering::Relaxed);
    }
    for c in clients {
        c.await.expect("a client ends without panicking");
    }
    let elapsed = started.elapsed();
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    (tally, elapsed)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// (lost, duplicates, stored): acknowledged ids missing from the export, ids in it twice.
async fn check(addr: SocketAddr, acked: &HashSet<String>) -> (usize, usize, usize) {
    let exported = exported_ids(addr, TOKEN).await;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for id in exported {
        *counts.entry(id).or_default() += 1;
    }
    let lost = acked.iter().filter(|id| !counts.contains_key(*id)).count();
    let duplicates = counts.values().filter(|&&n| n > 1).count();
    (lost, duplicates, counts.len())
}

/// A fresh database for one phase: a SQLite file in its own folder, or a new PostgreSQL database.
async fn fresh_database(o: &Options, phase: &str, dir: &std::path::Path) -> String {
    if o.database == "sqlite" {
        return format!("sqlite://{}/{phase}.db", dir.display());
    }
    use sqlx::migrate::MigrateDatabase;
    let server = if o.database == "postgres" {
        std::env::var("SEDA_TEST_POSTGRES_URL").expect("--database postgres: run under tools/with-postgres.sh, which sets SEDA_TEST_POSTGRES_URL")
    } else {
        o.database.clone()
    };
    let base = server.rsplit_once('/').map(|(b, _)| b).expect("a PostgreSQL URL with a database");
    let url = format!("{base}/seda_bench_{phase}_{}", std::process::id());
    sqlx::any::install_default_drivers();
    sqlx::Any::create_database(&url).await.expect("create the bench database");
    url
}

#[tokio::main]
async fn main() {
    let o = options();
    let name = if o.database == "sqlite" { "SQLite" } else { "PostgreSQL" };
    std::fs::create_dir_all("target").ok();
    let dir = tempfile::Builder::new().prefix("bench-receiver-").tempdir_in("target").expect("a folder under target/");
    let ids: Arc<Vec<String>> = Arc::new((0..o.responses).map(|n| format!("bench-{:08}-{}", n, std::process::id())).collect());

    // 1. Steady.
    let url = fresh_database(&o, "steady", dir.path()).await;
    let receiver = Receiver::start_limited(&o.receiver, &url, &dir.path().join("files"), TOKEN, &o.rate_limit).await;
    let cpu_before = receiver.cpu_seconds().unwrap_or(0.0);
    let (mut t, elapsed) = run(receiver.addr, &o, ids.clone(), None, Arc::default()).await;
    let cpu = receiver.cpu_seconds().unwrap_or(0.0) - cpu_before;
    let (lost, duplicates, stored) = check(receiver.addr, &t.acked).await;
    drop(receiver);
    let steady_failed = lost + duplicates + t.errors.len();
    t.latencies.sort();
    let rate = t.acked.len() as f64 / elapsed.as_secs_f64();
    let requests = t.latencies.len() as f64 / elapsed.as_secs_f64();
    println!("{name} steady: {} responses, {} clients, rate limit {}, {} replays answered 200, {} connections dropped mid-request, {} errors",
        o.responses, o.clients, o.rate_limit, t.replays_ok, t.drops, t.errors.len());
    println!("  the receiver used {cpu:.1} s of CPU: {:.2} ms a request, {:.2} cores on average",
        cpu * 1000.0 / t.latencies.len().max(1) as f64, cpu / elapsed.as_secs_f64());
    for e in t.errors.iter().take(5) {
        println!("  error: {e}");
    }
    println!(
        "| {name} | {} | {} | {lost} | {duplicates} | {rate:.0} /s ({requests:.0} requests/s) | {:.1} ms | {:.1} ms | {:.1} s |",
        t.acked.len(),
        stored,
        percentile(&t.latencies, 0.50),
        percentile(&t.latencies, 0.99),
        elapsed.as_secs_f64()
    );

    // 2. kill -9 half-way, restart, check, send the rest again.
    let url = fresh_database(&o, "kill", dir.path()).await;
    let mut receiver = Receiver::start_limited(&o.receiver, &url, &dir.path().join("files-kill"), TOKEN, &o.rate_limit).await;
    let stop = Arc::new(AtomicBool::new(false));
    let killer = {
        let stop = stop.clone();
        async move {
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
    };
    let load = run(receiver.addr, &o, ids.clone(), Some(o.responses / 2), stop.clone());
    let ((t, _), ()) = tokio::join!(load, async {
        killer.await;
        receiver.kill9();
    });
    receiver.restart().await;
    let (lost, duplicates, stored) = check(receiver.addr, &t.acked).await;
    let unacked: Vec<String> = ids.iter().filter(|id| !t.acked.contains(*id)).cloned().collect();
    // The outbox's part: every response without a 2xx is sent again.
    let mut conn = Conn::connect(receiver.addr).await.expect("connect");
    let index: HashMap<&str, u64> = ids.iter().enumerate().map(|(n, id)| (id.as_str(), n as u64)).collect();
    let mut resend_errors = 0;
    for id in &unacked {
        match conn.post_response(id, &nps_body(id, index[id.as_str()])).await {
            Ok((200 | 201, _)) => {}
            _ => resend_errors += 1,
        }
    }
    let all: HashSet<String> = ids.iter().cloned().collect();
    let (missing, duplicates_after, stored_after) = check(receiver.addr, &all).await;
    println!("{name} kill -9: {} acknowledged before the kill, {} in flight when it died; after the restart {stored} stored, {lost} acknowledged lost, {duplicates} duplicated",
        t.acked.len(), t.unknown.len());
    println!("| {name} | {} | {} | {stored} | {lost} | {duplicates} | {} sent again ({resend_errors} errors): {stored_after} stored, {missing} missing, {duplicates_after} duplicated |",
        t.acked.len(), t.unknown.len(), unacked.len());
    let failed = steady_failed + lost + duplicates + missing + duplicates_after + resend_errors + t.errors.len();
    if failed > 0 {
        std::process::exit(1);
    }
}
