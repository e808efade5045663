//! Posting a response to the endpoint.

use crate::core::response::Response;

use super::fetch::{fetch, Reply};

/// POSTs `response` as JSON with `Idempotency-Key: <id>`, so an endpoint that sees
/// the same response twice can drop the second. `Err` means no answer came.
pub async fn post(endpoint: &str, response: &Response) -> Result<Reply, String> {
    let headers = [("Content-Type", "application/json"), ("Idempotency-Key", response.id.as_str())];
    fetch("POST", endpoint, &headers, Some(&response.to_json())).await
}
