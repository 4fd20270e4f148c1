//! How Zou words its answers, and what its tokens say.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::StatusCode;

/// The message Zou (flask-jwt-extended) gives, with a 422, for an expired access token.
pub const EXPIRED_MESSAGE: &str = "Signature has expired";

/// The message of an error body: the `message`, `msg` or string `error` field of a JSON object
/// (Zou's three error shapes), else the text itself (trimmed, lossily decoded).
///
/// ```
/// use kitsu_core::zou::server_message;
/// assert_eq!(server_message(br#"{"msg":"Not enough segments"}"#), "Not enough segments");
/// assert_eq!(server_message(b"<html>Bad Gateway</html>\n"), "<html>Bad Gateway</html>");
/// ```
pub fn server_message(body: &[u8]) -> String {
    if let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(body)
    {
        for key in ["message", "msg", "error"] {
            if let Some(serde_json::Value::String(message)) = object.get(key) {
                return message.clone();
            }
        }
    }
    String::from_utf8_lossy(body).trim().to_owned()
}

/// `message` without a leading status line that repeats `status`: Zou words its 404 as
/// `404 Not Found: The requested URL was not found…`, and an error that writes the status
/// before the message would say it twice.
///
/// ```
/// use http::StatusCode;
/// use kitsu_core::zou::message_after_status;
/// let zou = "404 Not Found: The requested URL was not found on the server.";
/// assert_eq!(
///     message_after_status(StatusCode::NOT_FOUND, zou),
///     "The requested URL was not found on the server."
/// );
/// assert_eq!(message_after_status(StatusCode::BAD_REQUEST, "Malformed ID."), "Malformed ID.");
/// ```
pub fn message_after_status(status: StatusCode, message: &str) -> &str {
    let Some(reason) = status.canonical_reason() else {
        return message;
    };
    let line = format!("{} {reason}", status.as_u16());
    match message.strip_prefix(&line) {
        Some(rest) if rest.is_empty() || rest.starts_with(':') => {
            rest.trim_start_matches(':').trim_start()
        }
        _ => message,
    }
}

/// How long an access token stays valid, read from its `exp` claim: Zou's tokens are JWTs,
/// whose payload (the middle segment) is base64url JSON. The signature is not checked (only the
/// server can); `None` when the token is no JWT or has no `exp` (bot tokens never expire).
///
/// The smaller of `exp - now` and `exp - iat`: a fresh token is trusted for its lifetime even
/// when this machine's clock is behind the server's, and a saved one for what is left of it.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use kitsu_core::zou::token_valid_for;
/// // {"iat":1000,"exp":1005,"type":"access"}
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjEwMDAsImV4cCI6MTAwNSwidHlwZSI6ImFjY2VzcyJ9.c2ln";
/// let now = UNIX_EPOCH + Duration::from_secs(1001);
/// assert_eq!(token_valid_for(token, now), Some(Duration::from_secs(4)));
/// assert_eq!(token_valid_for("not a jwt", now), None);
/// ```
pub fn token_valid_for(token: &str, now: SystemTime) -> Option<Duration> {
    let mut segments = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return None;
    };
    let payload = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&payload).ok()?;
    let seconds = |claim: &str| {
        claims
            .get(claim)?
            .as_f64()
            .filter(|s| s.is_finite() && *s >= 0.0)
    };
    let exp = Duration::from_secs_f64(seconds("exp")?);
    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let left = exp.saturating_sub(now);
    Some(match seconds("iat") {
        Some(iat) => left.min(exp.saturating_sub(Duration::from_secs_f64(iat))),
        None => left,
    })
}

/// Whether an answer means the access token we sent has expired (or was refused): any 401, or
/// a 422 saying "Signature has expired".
pub fn token_expired(status: StatusCode, body: &[u8]) -> bool {
    match status {
        StatusCode::UNAUTHORIZED => true,
        StatusCode::UNPROCESSABLE_ENTITY => String::from_utf8_lossy(body).contains(EXPIRED_MESSAGE),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_message_of_each_error_shape() {
        assert_eq!(
            server_message(br#"{"msg":"Not enough segments"}"#),
            "Not enough segments"
        );
        assert_eq!(
            server_message(br#"{"error":true,"message":"Malformed ID.","data":null}"#),
            "Malformed ID."
        );
        assert_eq!(
            server_message(br#"{"message":"A required field is missing."}"#),
            "A required field is missing."
        );
        assert_eq!(
            server_message(br#"{"error":"OTP is required"}"#),
            "OTP is required"
        );
        assert_eq!(
            server_message(b"  <html>Bad Gateway</html>\n"),
            "<html>Bad Gateway</html>"
        );
    }

    #[test]
    fn a_status_line_repeated_in_the_message_is_said_once() {
        let zou = "404 Not Found: The requested URL was not found on the server. If you entered \
                   the URL manually please check your spelling and try again.";
        let once = message_after_status(StatusCode::NOT_FOUND, zou);
        assert!(once.starts_with("The requested URL"), "{once}");
        assert_eq!(
            message_after_status(StatusCode::NOT_FOUND, "404 Not Found"),
            ""
        );
        // Another status, or a message that merely starts alike, is left whole.
        assert_eq!(message_after_status(StatusCode::GONE, zou), zou);
        assert_eq!(
            message_after_status(StatusCode::NOT_FOUND, "404 Not Foundry closed"),
            "404 Not Foundry closed"
        );
    }

    fn jwt(claims: &str) -> String {
        format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(claims)
        )
    }

    #[test]
    fn a_tokens_validity_comes_from_its_exp_claim() {
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        let token = jwt(r#"{"iat":1000,"nbf":1000,"exp":1005,"type":"access"}"#);
        assert_eq!(
            token_valid_for(&token, at(1000)),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            token_valid_for(&token, at(1003)),
            Some(Duration::from_secs(2))
        );
        assert_eq!(token_valid_for(&token, at(2000)), Some(Duration::ZERO));
        // A clock behind the server's does not stretch a fresh token past its lifetime.
        assert_eq!(
            token_valid_for(&token, at(900)),
            Some(Duration::from_secs(5))
        );
        // No iat: what is left by this clock.
        let bare = jwt(r#"{"exp":1005}"#);
        assert_eq!(
            token_valid_for(&bare, at(1001)),
            Some(Duration::from_secs(4))
        );
        // Bot tokens have no exp; garbage is no JWT.
        assert_eq!(
            token_valid_for(&jwt(r#"{"identity_type":"bot"}"#), at(0)),
            None
        );
        assert_eq!(token_valid_for("a.b", at(0)), None);
        assert_eq!(token_valid_for("a.!!!.c", at(0)), None);
        assert_eq!(token_valid_for(&jwt("[]"), at(0)), None);
    }

    #[test]
    fn recognises_expired_token_answers() {
        let expired_422 = br#"{"message": "Signature has expired"}"#;
        let other_422 = br#"{"msg":"Not enough segments"}"#;
        assert!(token_expired(StatusCode::UNAUTHORIZED, b""));
        assert!(token_expired(StatusCode::UNPROCESSABLE_ENTITY, expired_422));
        assert!(!token_expired(StatusCode::UNPROCESSABLE_ENTITY, other_422));
        assert!(!token_expired(StatusCode::FORBIDDEN, expired_422));
    }
}
