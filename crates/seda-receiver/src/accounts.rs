//! Accounts: argon2id password hashes, sign-in, and the session cookie.
//!
//! A session is a random 256-bit token in an HttpOnly, SameSite=Strict cookie; the
//! database keeps only its SHA-256. A failed sign-in costs what a good one costs (an
//! unknown name is checked against a dummy hash), so timing does not tell whether a
//! name exists.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use axum::http::{header, HeaderMap};

use crate::canonical::sha256_hex;
use crate::error::{AppError, Reason};
use crate::store::{Store, UserRow};

/// The session cookie's name.
pub const COOKIE: &str = "seda_session";

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything: forms, settings, erasure, exports, the audit log.
    Admin,
    /// Reads only: exports, settings, the audit log.
    Viewer,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Viewer => "viewer",
        }
    }

    /// A stored role; anything unknown reads as the lesser one.
    pub fn of(name: &str) -> Role {
        if name == "admin" {
            Role::Admin
        } else {
            Role::Viewer
        }
    }
}

/// A name people can type and logs can show: 1-64 letters, digits, `.`, `_`, `-`, `@`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&name.len()) && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(format!("{name:?} is not a user name: 1-64 letters, digits, '.', '_', '-' or '@'"))
    }
}

/// At least 10 characters; at most 1024 (a hash of a megabyte is a way to stall us).
pub fn check_password(password: &str) -> Result<(), String> {
    match password.chars().count() {
        0..10 => Err("the password is shorter than 10 characters".into()),
        1025.. => Err("the password is longer than 1024 characters".into()),
        _ => Ok(()),
    }
}

/// An argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`) with a random salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| AppError::Internal(format!("password hash: {e}")))
}

/// Whether `password` matches the PHC string `hash` (with the parameters it names).
pub fn password_matches(password: &str, hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// A hash no password is known to match, checked when the name is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&crate::secret::random_hex(16)).unwrap_or_default())
}

/// Adds a user with an argon2id hash of `password`.
pub async fn add_user(store: &Store, name: &str, password: &str, role: Role, now: i64) -> Result<(), AppError> {
    check_name(name).map_err(|e| AppError::reject(Reason::BadQuery, e))?;
    check_password(password).map_err(|e| AppError::reject(Reason::BadQuery, e))?;
    let password = password.to_owned();
    let password_hash = blocking(move || hash_password(&password)).await??;
    let user = UserRow { name: name.to_owned(), password_hash, role: role.name().to_owned(), created_at: now };
    if store.add_user(&user).await? {
        Ok(())
    } else {
        Err(AppError::reject(Reason::BadQuery, format!("there is a user named {name:?} already")))
    }
}

/// A new session: the token goes in the cookie, never into the database.
#[derive(Debug)]
pub struct SignedIn {
    pub token: String,
    pub name: String,
    pub role: Role,
    pub expires_at: i64,
}

/// Checks a name and password; on a match, starts a session of `seconds`.
pub async fn sign_in(store: &Store, name: &str, password: &str, now: i64, seconds: i64) -> Result<Option<SignedIn>, AppError> {
    let user = if check_name(name).is_ok() { store.user(name).await? } else { None };
    let hash = user.as_ref().map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    let password = password.to_owned();
    let matches = blocking(move || password_matches(&password, &hash)).await?;
    let Some(user) = user.filter(|_| matches) else { return Ok(None) };
    let token = crate::secret::random_hex(32);
    let expires_at = now + seconds * 1_000_000;
    store.add_session(&token_hash(&token), &user.name, now, expires_at).await?;
    Ok(Some(SignedIn { token, name: user.name, role: Role::of(&user.role), expires_at }))
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// The session token in the request's cookies, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .filter(|t| !t.is_empty())
}

/// `Set-Cookie` for a session of `max_age` seconds (0 ends it).
pub fn session_cookie(token: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}")
}

/// Whether the cookie should be `Secure`: always, except when the browser asked for a
/// loopback host (`localhost`, `127.0.0.1`, `[::1]`), where plain http is the norm
/// while trying the receiver out. Behind a proxy the Host is the public name.
pub fn secure_cookie_for(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return true };
    let host = host.trim().to_ascii_lowercase();
    let name = if host.starts_with('[') { host.split(']').next().map(|h| &h[1..]) } else { host.split(':').next() }.unwrap_or_default();
    let loopback = name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    !loopback
}

/// Hashing takes tens of milliseconds: off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn hashes_are_argon2id_and_check() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse battery!", &hash));
        assert!(!password_matches("anything", dummy_hash()));
    }

    #[test]
    fn names_and_passwords() {
        assert!(check_name("ana.lopez@shop").is_ok());
        for bad in ["", "a b", "x;y", &"n".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_password("short").is_err());
        assert!(check_password("long enough!").is_ok());
    }

    #[test]
    fn the_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("theme=dark; seda_session=abc123; other=1"));
        assert_eq!(cookie_token(&h), Some("abc123"));
        h.insert(header::COOKIE, HeaderValue::from_static("seda_sessionx=1"));
        assert_eq!(cookie_token(&h), None);
    }

    #[test]
    fn secure_unless_loopback() {
        for (host, secure) in [("admin.shop.example", true), ("localhost:8080", false), ("127.0.0.1:8080", false), ("[::1]:8080", false), ("10.0.0.5", true)] {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
            assert_eq!(secure_cookie_for(&h), secure, "{host}");
        }
        assert!(secure_cookie_for(&HeaderMap::new()));
    }
}
