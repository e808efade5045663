//! `kill -9` of a receiver under load: every response it answered with a 2xx is in the
//! export after a restart on the same database, once; and each response sent again
//! afterwards (as the widget's outbox does) is stored exactly once.
//! On SQLite here; on PostgreSQL too with `--features postgres-tests` under
//! tools/with-postgres.sh (tools/test.sh runs both).

mod wire;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use wire::{exported_ids, nps_body, Conn, Receiver};

const TOKEN: &str = "kill-test-token";
const CLIENTS: u64 = 16;

/// Posts from 16 clients until the receiver dies (killed once 300 are acknowledged);
/// restarts it; checks the export; sends every response again; checks once more.
async fn killed_under_load(database: &str, files: &Path) {
    let mut receiver = Receiver::start(Path::new(env!("CARGO_BIN_EXE_seda-receiver")), database, files, TOKEN).await;
    let acked: Arc<Mutex<HashSet<String>>> = Arc::default();
    let sent: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (acked, sent, addr) = (acked.clone(), sent.clone(), receiver.addr);
        clients.push(tokio::spawn(async move {
            let Ok(mut conn) = Conn::connect(addr).await else { return };
            for n in 0.. {
                let id = format!("kill-{c}-{n}");
                sent.lock().unwrap().push(id.clone());
                match conn.post_response(&id, &nps_body(&id, n)).await {
                    Ok((201, _)) => {
                        acked.lock().unwrap().insert(id);
                    }
                    Ok((status, body)) => panic!("{id}: {status} {}", String::from_utf8_lossy(&body)),
                    // The receiver is gone: this one's fate is unknown, as a browser's would be.
                    Err(_) => return,
                }
            }
        }));
    }
    while acked.lock().unwrap().len() < 300 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    receiver.kill9();
    for c in clients {
        c.await.expect("a client ends without panicking");
    }
    let acked = acked.lock().unwrap().clone();
    let sent = sent.lock().unwrap().clone();
    assert!(sent.len() > acked.len(), "some requests were in flight when the receiver died");

    receiver.restart().await;
    let exported = exported_ids(receiver.addr, TOKEN).await;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &exported {
        *counts.entry(id.as_str()).or_default() += 1;
    }
    let lost: Vec<&String> = acked.iter().filter(|id| !counts.contains_key(id.as_str())).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged responses are missing after kill -9: {:?}", lost.len(), acked.len(), &lost[..lost.len().min(5)]);
    assert!(counts.values().all(|&n| n == 1), "a response is stored twice");
    assert!(exported.len() <= sent.len());
    eprintln!("kill -9: {} sent, {} acknowledged, {} stored after the restart", sent.len(), acked.len(), exported.len());

    // The widget sends again whatever it has no 2xx for; a resend of a stored one is a 200.
    let mut conn = Conn::connect(receiver.addr).await.unwrap();
    for (n, id) in sent.iter().enumerate() {
        let n = id.rsplit('-').next().unwrap().parse::<u64>().unwrap_or(n as u64);
        let (status, body) = conn.post_response(id, &nps_body(id, n)).await.unwrap();
        let expected: &[u16] = if acked.contains(id) { &[200] } else { &[200, 201] };
        assert!(expected.contains(&status), "{id} again: {status} {}", String::from_utf8_lossy(&body));
    }
    let mut again = exported_ids(receiver.addr, TOKEN).await;
    again.sort();
    let mut all = sent.clone();
    all.sort();
    assert_eq!(again, all, "after the resends, every response is stored exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_keeps_every_acknowledged_response_through_kill_9() {
    let dir = tempfile::TempDir::new().unwrap();
    killed_under_load(&format!("sqlite://{}/seda.db", dir.path().display()), &dir.path().join("files")).await;
}

#[cfg(feature = "postgres-tests")]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_keeps_every_acknowledged_response_through_kill_9() {
    let url = wire::fresh_postgres_database("kill").await;
    let dir = tempfile::TempDir::new().unwrap();
    killed_under_load(&url, &dir.path().join("files")).await;
}
