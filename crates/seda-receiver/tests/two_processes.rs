//! Two `seda-receiver serve` processes on one PostgreSQL database, as behind a load
//! balancer, taking the same responses at once: each key is stored once and answered 201
//! once, whichever process got there first; the same body again is a 200 from either, and
//! another body under that key a 409. Both start at the same moment, so they also run the
//! migrations side by side. Run through tools/with-postgres.sh (tools/test.sh does).

mod wire;

use std::collections::HashMap;
use std::path::Path;

use wire::{exported_ids, nps_body, Conn, Receiver};

const TOKEN: &str = "two-processes-token";
const KEYS: u64 = 120;

/// One attempt: which process, which body, and what it answered.
struct Answer {
    body: Vec<u8>,
    status: u16,
}

async fn post(addr: std::net::SocketAddr, key: String, body: Vec<u8>) -> Answer {
    let mut conn = Conn::connect(addr).await.expect("connect");
    let (status, answer) = conn.post_response(&key, &body).await.expect("an answer");
    assert!(matches!(status, 200 | 201 | 409), "{key}: {status} {}", String::from_utf8_lossy(&answer));
    Answer { body, status }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_receivers_on_one_postgres_store_each_key_once() {
    let url = wire::fresh_postgres_database("two").await;
    let dir = tempfile::TempDir::new().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_seda-receiver"));
    let files = dir.path().join("files");
    let (first, second) = tokio::join!(Receiver::start(bin, &url, &files, TOKEN), Receiver::start(bin, &url, &files, TOKEN));

    // Every key twice to each process with one body; every fourth key also once with
    // another body, to either process.
    let mut attempts = Vec::new();
    for n in 0..KEYS {
        let key = format!("two-{n:04}");
        let body = nps_body(&key, n);
        for addr in [first.addr, second.addr, first.addr, second.addr] {
            attempts.push((key.clone(), tokio::spawn(post(addr, key.clone(), body.clone()))));
        }
        if n % 4 == 0 {
            let addr = if n % 8 == 0 { first.addr } else { second.addr };
            attempts.push((key.clone(), tokio::spawn(post(addr, key.clone(), nps_body(&key, n + 1)))));
        }
    }
    let mut by_key: HashMap<String, Vec<Answer>> = HashMap::new();
    for (key, attempt) in attempts {
        by_key.entry(key).or_default().push(attempt.await.expect("the attempt ran"));
    }

    for (key, answers) in &by_key {
        let created: Vec<&Answer> = answers.iter().filter(|a| a.status == 201).collect();
        assert_eq!(created.len(), 1, "{key}: one 201, got {:?}", answers.iter().map(|a| a.status).collect::<Vec<_>>());
        let stored = &created[0].body;
        for answer in answers.iter().filter(|a| a.status != 201) {
            let expected = if &answer.body == stored { 200 } else { 409 };
            assert_eq!(answer.status, expected, "{key}: the same body is a 200, another a 409");
        }
    }

    for receiver in [&first, &second] {
        let mut ids = exported_ids(receiver.addr, TOKEN).await;
        ids.sort();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "no id is exported twice");
        assert_eq!(count as u64, KEYS, "every key is stored, once");
    }
}
