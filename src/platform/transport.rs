//! Posting a response to the endpoint.

use gloo_net::http::Request;
use web_sys::RequestCredentials;

use crate::core::response::Response;

/// What came back from one attempt.
pub enum Reply {
    /// The endpoint answered (any status) with this body.
    Status(u16, String),
    /// No answer: offline, DNS, CORS refused, connection reset.
    Network(String),
}

/// POSTs `response` as JSON with `Idempotency-Key: <id>`, so an endpoint that sees
/// the same response twice can drop the second. Cookies are never sent.
pub async fn post(endpoint: &str, response: &Response) -> Reply {
    let request = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", &response.id)
        .credentials(RequestCredentials::Omit)
        .body(response.to_json());
    let request = match request {
        Ok(r) => r,
        Err(e) => return Reply::Network(e.to_string()),
    };
    match request.send().await {
        Ok(reply) => {
            let status = reply.status();
            let body = reply.text().await.unwrap_or_default();
            Reply::Status(status, body.chars().take(2_000).collect())
        }
        Err(e) => Reply::Network(e.to_string()),
    }
}
