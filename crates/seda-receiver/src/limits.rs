//! Rate limits per client address: a token bucket for each address (an IPv6 client
//! by its /64), refilled at the configured rate and holding up to one period's worth,
//! so a burst of that size passes at once. Over the limit a request is answered 429
//! with `Retry-After` (whole seconds), which the widget's sender waits for.
//!
//! On SQLite the one receiver keeps its buckets in memory: hand-written over a
//! `Mutex<HashMap>` rather than `governor`, a few lines, and the wait for `Retry-After`
//! falls out of the bucket's arithmetic. On PostgreSQL, which several receivers behind a
//! load balancer share, the buckets are rows of the database (`Store::take_turn`), so a
//! client's allowance is the same whichever receiver it reaches.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Extensions};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Reason};
use crate::{now_micros, AppState, Store};

/// `count` requests per `per`, in a burst of up to `count`; a count of 0 is no limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub count: u32,
    pub per: Duration,
}

impl Rate {
    pub const OFF: Rate = Rate { count: 0, per: Duration::from_secs(60) };
    /// A busy office behind one address sends far fewer responses than this.
    pub const DEFAULT_RESPONSES: Rate = Rate { count: 120, per: Duration::from_secs(60) };
    /// Each sign-in costs an argon2 hash; guessing is slowed to this.
    pub const DEFAULT_SIGN_IN: Rate = Rate { count: 10, per: Duration::from_secs(60) };

    fn is_off(self) -> bool {
        self.count == 0 || self.per.is_zero()
    }
}

impl FromStr for Rate {
    type Err = String;

    /// `120/min`, `5/s`, `1000/h`, or `off`.
    fn from_str(s: &str) -> Result<Rate, String> {
        if s.eq_ignore_ascii_case("off") {
            return Ok(Rate::OFF);
        }
        let (count, unit) = s.split_once('/').ok_or_else(|| format!("{s:?}: write N/s, N/min, N/h or off"))?;
        let count: u32 = count.trim().parse().map_err(|_| format!("{s:?}: {count:?} is not a whole number"))?;
        let per = match unit.trim() {
            "s" | "sec" | "second" => Duration::from_secs(1),
            "m" | "min" | "minute" => Duration::from_secs(60),
            "h" | "hour" => Duration::from_secs(3600),
            other => return Err(format!("{s:?}: {other:?} is not a unit: use s, min or h")),
        };
        Ok(Rate { count, per })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_off() {
            return f.write_str("off");
        }
        let unit = match self.per.as_secs() {
            1 => "s",
            3600 => "h",
            _ => "min",
        };
        write!(f, "{}/{unit}", self.count)
    }
}

/// One bucket per client address.
#[derive(Debug)]
pub struct Buckets {
    rate: Rate,
    /// The database the buckets are kept in, when receivers share it, and this limit's
    /// name there.
    shared: Option<(Store, &'static str)>,
    inner: Mutex<BucketMap>,
}

#[derive(Debug)]
struct BucketMap {
    buckets: HashMap<IpAddr, (f64, Instant)>,
    pruned: Instant,
}

/// Beyond this many addresses, buckets that have refilled are dropped.
const PRUNE_ABOVE: usize = 10_000;

impl Buckets {
    /// Buckets kept in this process.
    pub fn new(rate: Rate) -> Self {
        Buckets { rate, shared: None, inner: Mutex::new(BucketMap { buckets: HashMap::new(), pruned: Instant::now() }) }
    }

    /// Buckets kept in `store` under `scope`, shared with every receiver on it.
    pub fn shared(rate: Rate, store: Store, scope: &'static str) -> Self {
        Buckets { shared: Some((store, scope)), ..Buckets::new(rate) }
    }

    /// Takes a token for `client` now, where the buckets are kept.
    pub async fn take_now(&self, client: IpAddr) -> Result<(), Duration> {
        let Some((store, scope)) = self.shared.as_ref().filter(|_| !self.rate.is_off()) else {
            return self.take(client, Instant::now());
        };
        let period = i64::try_from(self.rate.per.as_micros()).unwrap_or(i64::MAX);
        let interval = (period / i64::from(self.rate.count)).max(1);
        match store.take_turn(scope, &bucket_key(client).to_string(), now_micros(), interval, period).await {
            Ok(None) => Ok(()),
            Ok(Some(wait)) => Err(Duration::from_micros(wait.unsigned_abs())),
            // The request needs the database too, and fails there with a clear answer;
            // a limit that cannot be read turns nobody away on its own.
            Err(e) => {
                tracing::warn!(error = %e, scope, "the shared rate limit was not read; the request passes it");
                Ok(())
            }
        }
    }

    /// Takes a token for `client` at `now`; over the limit, how long until one is there.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.rate.is_off() {
            return Ok(());
        }
        let capacity = f64::from(self.rate.count);
        let per_second = capacity / self.rate.per.as_secs_f64();
        let refilled = |(tokens, at): (f64, Instant)| (tokens + now.saturating_duration_since(at).as_secs_f64() * per_second).min(capacity);
        let mut map = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.buckets.len() > PRUNE_ABOVE && now.saturating_duration_since(map.pruned) > Duration::from_secs(10) {
            map.buckets.retain(|_, b| refilled(*b) < capacity);
            map.pruned = now;
        }
        let key = bucket_key(client);
        let tokens = map.buckets.get(&key).map_or(capacity, |b| refilled(*b));
        if tokens >= 1.0 {
            map.buckets.insert(key, (tokens - 1.0, now));
            Ok(())
        } else {
            map.buckets.insert(key, (tokens, now));
            Err(Duration::from_secs_f64((1.0 - tokens) / per_second))
        }
    }
}

/// An IPv6 client is its /64: one host usually holds a whole /64.
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
        }
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The rate limits a receiver keeps.
#[derive(Debug)]
pub struct Limits {
    pub responses: Buckets,
    pub sign_in: Buckets,
}

impl Limits {
    /// In memory, or in `store` when other receivers may share it.
    pub fn new(settings: &crate::Settings, store: &Store) -> Self {
        let buckets = |rate, scope| if store.is_shared() { Buckets::shared(rate, store.clone(), scope) } else { Buckets::new(rate) };
        Limits { responses: buckets(settings.rate_limit, "responses"), sign_in: buckets(settings.sign_in_limit, "sign-in") }
    }
}

/// How often `serve` forgets the shared buckets that have filled up again.
pub const PRUNE_EVERY: Duration = Duration::from_secs(10 * 60);

/// In `serve` on a shared database: forgets full buckets every `every` (a missing
/// bucket is full), so that the table holds only the clients of the last period.
pub async fn prune_task(store: Store, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(e) = store.prune_rate_limits(now_micros()).await {
            tracing::warn!(error = %e, "the shared rate limits were not pruned");
        }
    }
}

/// The client's address: the connection's peer, or, with `trust_forwarded_for`, the
/// last `X-Forwarded-For` entry (the one the proxy in front of us added). `None` when
/// the server did not record the peer (only in tests that call the router directly).
pub fn client_ip(headers: &HeaderMap, extensions: &Extensions, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// Middleware for `POST /responses`.
pub async fn responses(State(state): State<AppState>, request: Request, next: Next) -> Response {
    limited(&state, &state.limits.responses, request, next).await
}

/// Middleware for `POST /session`.
pub async fn sign_in(State(state): State<AppState>, request: Request, next: Next) -> Response {
    limited(&state, &state.limits.sign_in, request, next).await
}

async fn limited(state: &AppState, buckets: &Buckets, request: Request, next: Next) -> Response {
    let Some(client) = client_ip(request.headers(), request.extensions(), state.settings.trust_forwarded_for) else {
        return next.run(request).await;
    };
    match buckets.take_now(client).await {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
            state.metrics.rejected(Reason::RateLimited);
            tracing::info!(%client, seconds, path = %request.uri().path(), "rate limited");
            let mut response =
                AppError::reject(Reason::RateLimited, format!("over {} from this address: retry in {seconds} s", buckets.rate)).into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read() {
        for (text, expected) in [
            ("120/min", Some(Rate { count: 120, per: Duration::from_secs(60) })),
            ("5/s", Some(Rate { count: 5, per: Duration::from_secs(1) })),
            ("1000/h", Some(Rate { count: 1000, per: Duration::from_secs(3600) })),
            ("off", Some(Rate::OFF)),
            ("5", None),
            ("x/min", None),
            ("5/day", None),
        ] {
            assert_eq!(text.parse::<Rate>().ok(), expected, "{text}");
        }
    }

    #[test]
    fn a_burst_then_the_refill() {
        let b = Buckets::new(Rate { count: 3, per: Duration::from_secs(60) });
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(b.take(ip, t0).is_ok());
        }
        let wait = b.take(ip, t0).unwrap_err();
        assert!((19.0..=20.5).contains(&wait.as_secs_f64()), "{wait:?}");
        // Another address has its own bucket.
        assert!(b.take("192.0.2.2".parse().unwrap(), t0).is_ok());
        // One token back after a third of the minute.
        assert!(b.take(ip, t0 + Duration::from_secs(20)).is_ok());
        assert!(b.take(ip, t0 + Duration::from_secs(20)).is_err());
    }

    #[test]
    fn an_ipv6_host_is_its_64() {
        let b = Buckets::new(Rate { count: 1, per: Duration::from_secs(60) });
        let t0 = Instant::now();
        assert!(b.take("2001:db8:1:2::1".parse().unwrap(), t0).is_ok());
        assert!(b.take("2001:db8:1:2::ffff".parse().unwrap(), t0).is_err());
        assert!(b.take("2001:db8:1:3::1".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn forwarded_for_only_when_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.9, 198.51.100.7"));
        let mut ext = Extensions::new();
        ext.insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))));
        assert_eq!(client_ip(&headers, &ext, false), Some("10.0.0.1".parse().unwrap()));
        assert_eq!(client_ip(&headers, &ext, true), Some("198.51.100.7".parse().unwrap()));
        assert_eq!(client_ip(&HeaderMap::new(), &ext, true), Some("10.0.0.1".parse().unwrap()));
    }
}
