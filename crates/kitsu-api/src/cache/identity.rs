//! Who a token speaks for: the key that keeps one user's cached answers from another's.

use std::hash::{BuildHasher, RandomState};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kitsu_transport::BearerToken;
use serde::Deserialize;

/// The identity behind a token. Zou's access tokens are JWTs whose payload names the user
/// (`sub`) and what it is (`identity_type`: `person` or `bot`); that survives a refresh, which
/// the token string does not. A token that is not such a JWT is its own identity, by hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Identity {
    /// A JWT's `identity_type` and `sub`.
    Subject { kind: String, subject: String },
    /// Any other token, by its hash under the cache's random keys.
    Token(u64),
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<serde_json::Value>,
    identity_type: Option<String>,
}

impl Identity {
    /// Reads the identity of `token`. The signature is not checked (the client has no key):
    /// see [`Store::is_vouched`](super::store::Store::is_vouched) for why a forged payload still
    /// gets nothing from the memo.
    pub(crate) fn of(token: &BearerToken, hasher: &RandomState) -> Identity {
        subject(token.expose()).unwrap_or_else(|| Identity::Token(fingerprint(token, hasher)))
    }
}

/// The hash of a token under the cache's random keys (a token is never stored).
pub(crate) fn fingerprint(token: &BearerToken, hasher: &RandomState) -> u64 {
    hasher.hash_one(token.expose())
}

fn subject(token: &str) -> Option<Identity> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    let subject = match claims.sub? {
        serde_json::Value::String(text) if !text.is_empty() => text,
        serde_json::Value::Number(number) => number.to_string(),
        _ => return None,
    };
    Some(Identity::Subject {
        kind: claims.identity_type.unwrap_or_default(),
        subject,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> BearerToken {
        let part = |text: &str| URL_SAFE_NO_PAD.encode(text);
        BearerToken::new(format!(
            "{}.{}.{}",
            part(r#"{"alg":"HS256","typ":"JWT"}"#),
            part(claims),
            part("signature")
        ))
    }

    #[test]
    fn a_refreshed_token_keeps_its_identity() {
        let hasher = RandomState::new();
        let first = jwt(r#"{"sub":"a1","identity_type":"person","jti":"1","iat":1}"#);
        let refreshed = jwt(r#"{"sub":"a1","identity_type":"person","jti":"2","iat":9}"#);
        assert_ne!(first.expose(), refreshed.expose());
        assert_eq!(
            Identity::of(&first, &hasher),
            Identity::of(&refreshed, &hasher)
        );
        assert_eq!(
            Identity::of(&first, &hasher),
            Identity::Subject {
                kind: "person".into(),
                subject: "a1".into()
            }
        );
    }

    #[test]
    fn users_and_bots_differ() {
        let hasher = RandomState::new();
        let person = Identity::of(&jwt(r#"{"sub":"a1","identity_type":"person"}"#), &hasher);
        let other = Identity::of(&jwt(r#"{"sub":"b2","identity_type":"person"}"#), &hasher);
        let bot = Identity::of(&jwt(r#"{"sub":"a1","identity_type":"bot"}"#), &hasher);
        assert_ne!(person, other);
        assert_ne!(person, bot);
    }

    #[test]
    fn anything_else_is_its_own_identity() {
        let hasher = RandomState::new();
        let (empty, null) = (jwt(r#"{"sub":""}"#), jwt(r#"{"sub":null}"#));
        for text in [
            "garbage",
            "a.b.c",
            "a.b.c.d",
            "e30.e30.e30",
            empty.expose(),
            null.expose(),
        ] {
            let token = BearerToken::new(text);
            assert_eq!(
                Identity::of(&token, &hasher),
                Identity::Token(fingerprint(&token, &hasher)),
                "{text}"
            );
        }
        let (one, two) = (BearerToken::new("one"), BearerToken::new("two"));
        assert_ne!(Identity::of(&one, &hasher), Identity::of(&two, &hasher));
    }
}
