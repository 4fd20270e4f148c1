//! How Zou words its answers.

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
    fn recognises_expired_token_answers() {
        let expired_422 = br#"{"message": "Signature has expired"}"#;
        let other_422 = br#"{"msg":"Not enough segments"}"#;
        assert!(token_expired(StatusCode::UNAUTHORIZED, b""));
        assert!(token_expired(StatusCode::UNPROCESSABLE_ENTITY, expired_422));
        assert!(!token_expired(StatusCode::UNPROCESSABLE_ENTITY, other_422));
        assert!(!token_expired(StatusCode::FORBIDDEN, expired_422));
    }
}
