//! The receiver as a process, and HTTP/1.1 spoken by hand over its socket: for the
//! `kill -9` tests (`tests/kill.rs`) and the load benchmark (`examples/load.rs`), which
//! need what a client library hides: a request cut off half-way, a process killed
//! mid-request, the exact moment a 2xx arrived.
#![allow(dead_code)]

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A running `seda-receiver serve`, restartable on the same address and database.
pub struct Receiver {
    pub bin: PathBuf,
    pub addr: SocketAddr,
    pub database: String,
    pub files: PathBuf,
    pub token: String,
    /// `--rate-limit`: `off` unless a load is to be measured with the limit's cost.
    pub rate_limit: String,
    child: Option<Child>,
}

impl Receiver {
    /// Starts `bin serve` on a free 127.0.0.1 port and waits until /healthz answers.
    pub async fn start(bin: &Path, database: &str, files: &Path, token: &str) -> Receiver {
        Receiver::start_limited(bin, database, files, token, "off").await
    }

    /// As [`Receiver::start`], with `--rate-limit rate_limit`.
    pub async fn start_limited(bin: &Path, database: &str, files: &Path, token: &str, rate_limit: &str) -> Receiver {
        let addr = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port");
        let (database, files, token, rate_limit) = (database.into(), files.into(), token.into(), rate_limit.into());
        let mut r = Receiver { bin: bin.into(), addr, database, files, token, rate_limit, child: None };
        r.restart().await;
        r
    }

    /// Starts the process (again) and waits until it answers.
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "the receiver is still running");
        // Load comes from one address: the per-address rate limit (tested on its own) is
        // off, unless the load measures what it costs.
        let child = Command::new(&self.bin)
            .args(["serve", "--listen", &self.addr.to_string(), "--database", &self.database, "--rate-limit", &self.rate_limit, "--files"])
            .arg(&self.files)
            .env("SEDA_ADMIN_TOKEN", &self.token)
            .env("RUST_LOG", "warn,sqlx=error")
            .stdout(Stdio::null())
            .spawn()
            .expect("seda-receiver starts");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("seda-receiver exited before answering: {status}");
            }
            if let Ok(mut c) = Conn::connect(self.addr).await {
                if matches!(c.get("/healthz").await, Ok((200, _))) {
                    return;
                }
            }
            assert!(Instant::now() < until, "seda-receiver did not answer /healthz within 60 s");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The CPU time the process has used so far (user and system, from /proc; Linux only).
    pub fn cpu_seconds(&self) -> Option<f64> {
        let pid = self.child.as_ref()?.id();
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
        Some(ticks / 100.0)
    }

    /// SIGKILL: the process ends at once, nothing flushed, no handler run.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// One kept-alive HTTP/1.1 connection.
pub struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    pub async fn connect(addr: SocketAddr) -> io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn { stream: BufReader::new(stream) })
    }

    /// `POST /responses` of a JSON body with its Idempotency-Key: the status and body.
    pub async fn post_response(&mut self, key: &str, body: &[u8]) -> io::Result<(u16, Vec<u8>)> {
        self.stream.get_mut().write_all(&post_request(key, body)).await?;
        self.read_answer().await
    }

    /// `GET path` with the bearer token when given.
    pub async fn get_with(&mut self, path: &str, token: Option<&str>) -> io::Result<(u16, Vec<u8>)> {
        let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
        let head = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}\r\n");
        self.stream.get_mut().write_all(head.as_bytes()).await?;
        self.read_answer().await
    }

    pub async fn get(&mut self, path: &str) -> io::Result<(u16, Vec<u8>)> {
        self.get_with(path, None).await
    }

    /// Reads one answer: its status line, headers and body (by Content-Length, or chunked).
    async fn read_answer(&mut self) -> io::Result<(u16, Vec<u8>)> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
        let mut line = String::new();
        if self.stream.read_line(&mut line).await? == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the connection closed before an answer"));
        }
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad("no status line"))?;
        let (mut length, mut chunked) = (None, false);
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the connection closed in the headers"));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').ok_or_else(|| bad("a header without a colon"))?;
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().map_err(|_| bad("content-length"))?);
            } else if name.eq_ignore_ascii_case("transfer-encoding") && value.trim().eq_ignore_ascii_case("chunked") {
                chunked = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("a chunk size"))?;
                let mut chunk = vec![0; size + 2];
                self.stream.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body.resize(length.unwrap_or(0), 0);
            self.stream.read_exact(&mut body).await?;
        }
        Ok((status, body))
    }
}

/// A new, empty database on the PostgreSQL server of tools/with-postgres.sh
/// (`SEDA_TEST_POSTGRES_URL`), named `seda_<name>_<pid>`: its URL.
pub async fn fresh_postgres_database(name: &str) -> String {
    use sqlx::migrate::MigrateDatabase;
    let admin = std::env::var("SEDA_TEST_POSTGRES_URL")
        .expect("SEDA_TEST_POSTGRES_URL is not set: run this test through tools/with-postgres.sh");
    let base = admin.rsplit_once('/').map(|(b, _)| b).expect("a URL with a database");
    let url = format!("{base}/seda_{name}_{}", std::process::id());
    sqlx::any::install_default_drivers();
    sqlx::Any::create_database(&url).await.expect("create the test database");
    url
}

/// The bytes of `POST /responses` as the widget sends it.
pub fn post_request(key: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "POST /responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A connection dropped mid-request: the head and half the body written, then the socket closed.
pub async fn post_half_and_drop(addr: SocketAddr, key: &str, body: &[u8]) -> io::Result<()> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = post_request(key, body);
    let cut = request.len() - body.len() / 2;
    stream.write_all(&request[..cut]).await?;
    drop(stream);
    Ok(())
}

/// A valid NPS response (the built-in template), `n` making its id and answers its own.
pub fn nps_body(id: &str, n: u64) -> Vec<u8> {
    let score = n % 11;
    let category = match score {
        9..=10 => "promoter",
        7..=8 => "passive",
        _ => "detractor",
    };
    serde_json::json!({
        "id": id, "form_id": "nps", "form_version": 1, "kind": "survey",
        "answers": {"recommend": score, "reason": format!("Reason number {n}")},
        "nps_category": category,
        "meta": {"started_at": "2026-11-23T10:00:00.000Z", "submitted_at": "2026-11-23T10:00:30.000Z", "locale": "en", "page_url": "https://shop.example/thanks"}
    })
    .to_string()
    .into_bytes()
}

/// The ids in the receiver's JSON Lines export of form `nps`.
pub async fn exported_ids(addr: SocketAddr, token: &str) -> Vec<String> {
    let mut conn = Conn::connect(addr).await.expect("connect for the export");
    let (status, body) = conn.get_with("/export?form=nps&format=jsonl", Some(token)).await.expect("the export");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    String::from_utf8(body)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON line")["id"].as_str().expect("an id").to_owned())
        .collect()
}
