//! Is an outcome worth another attempt?

use std::time::{Duration, SystemTime};

use http::{Method, Request, Response, StatusCode};

use super::{Idempotent, retry_after};
use crate::Error;

/// What the classifier made of an attempt's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Final: a success, a client error, or a failure that is unsafe to repeat.
    Final,
    /// Transient: try again, after the server's `Retry-After` if it gave one.
    Transient { retry_after: Option<Duration> },
}

/// Whether a request with `method` can be repeated without changing the outcome.
pub(crate) fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// Whether `request` can be repeated: an idempotent method, or marked [`Idempotent`].
pub(crate) fn repeatable<B>(request: &Request<B>) -> bool {
    idempotent(request.method()) || request.extensions().get::<Idempotent>().is_some()
}

/// Classifies an attempt's outcome for a request that is `repeatable` (see [`repeatable`]) or not.
pub(crate) fn classify<B>(
    repeatable: bool,
    outcome: &Result<Response<B>, Error>,
    now: SystemTime,
) -> Verdict {
    match outcome {
        Ok(response) => classify_status(repeatable, response, now),
        // Nothing reached the server: safe for every method.
        Err(Error::Connect { .. }) => Verdict::Transient { retry_after: None },
        // The request may have reached the server: only repeat what is idempotent.
        Err(Error::Request {
            connection_closed: true,
            ..
        })
        | Err(Error::Timeout { .. })
            if repeatable =>
        {
            Verdict::Transient { retry_after: None }
        }
        Err(_) => Verdict::Final,
    }
}

fn classify_status<B>(repeatable: bool, response: &Response<B>, now: SystemTime) -> Verdict {
    let transient = matches!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    );
    if transient && repeatable {
        Verdict::Transient {
            retry_after: retry_after::parse(response.headers(), now),
        }
    } else {
        Verdict::Final
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Uri;

    fn status(code: u16) -> Result<Response<()>, Error> {
        Ok(Response::builder().status(code).body(()).unwrap())
    }

    fn connect() -> Result<Response<()>, Error> {
        Err(Error::Connect {
            url: Uri::from_static("http://h/"),
            source: "refused".into(),
        })
    }

    fn closed() -> Result<Response<()>, Error> {
        Err(Error::Request {
            method: Method::GET,
            url: Uri::from_static("http://h/"),
            connection_closed: true,
            source: "connection closed before message completed".into(),
        })
    }

    fn timeout() -> Result<Response<()>, Error> {
        Err(Error::Timeout {
            method: Method::GET,
            url: Uri::from_static("http://h/"),
            after: Duration::from_secs(1),
        })
    }

    const TRANSIENT: Verdict = Verdict::Transient { retry_after: None };

    #[test]
    fn idempotent_methods_retry_every_transient_outcome() {
        let now = SystemTime::now();
        for method in [
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ] {
            for code in [429, 502, 503, 504] {
                assert_eq!(
                    classify(idempotent(&method), &status(code), now),
                    TRANSIENT,
                    "{method} {code}"
                );
            }
            assert_eq!(classify(idempotent(&method), &connect(), now), TRANSIENT);
            assert_eq!(classify(idempotent(&method), &closed(), now), TRANSIENT);
            assert_eq!(classify(idempotent(&method), &timeout(), now), TRANSIENT);
        }
    }

    #[test]
    fn post_retries_only_what_never_reached_the_server() {
        let now = SystemTime::now();
        assert_eq!(
            classify(idempotent(&Method::POST), &connect(), now),
            TRANSIENT
        );
        for code in [429, 502, 503, 504] {
            assert_eq!(
                classify(idempotent(&Method::POST), &status(code), now),
                Verdict::Final
            );
        }
        assert_eq!(
            classify(idempotent(&Method::POST), &closed(), now),
            Verdict::Final
        );
        assert_eq!(
            classify(idempotent(&Method::POST), &timeout(), now),
            Verdict::Final
        );
        assert_eq!(
            classify(idempotent(&Method::PATCH), &status(503), now),
            Verdict::Final
        );
    }

    #[test]
    fn a_request_marked_idempotent_is_repeatable_whatever_its_method() {
        let post = Request::post("http://h/auth/login").body(()).unwrap();
        assert!(!repeatable(&post));
        let mut marked = Request::post("http://h/auth/login").body(()).unwrap();
        marked.extensions_mut().insert(Idempotent);
        assert!(repeatable(&marked));
        let now = SystemTime::now();
        assert_eq!(classify(repeatable(&marked), &status(503), now), TRANSIENT);
        assert_eq!(classify(repeatable(&marked), &closed(), now), TRANSIENT);
        assert!(repeatable(&Request::get("http://h/").body(()).unwrap()));
    }

    #[test]
    fn final_statuses_and_errors() {
        let now = SystemTime::now();
        for code in [
            200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 422, 500, 501,
        ] {
            assert_eq!(
                classify(idempotent(&Method::GET), &status(code), now),
                Verdict::Final,
                "{code}"
            );
        }
        let tls: Result<Response<()>, Error> = Err(Error::Tls {
            url: Uri::from_static("https://h/"),
            source: "unknown issuer".into(),
        });
        assert_eq!(
            classify(idempotent(&Method::GET), &tls, now),
            Verdict::Final
        );
    }

    #[test]
    fn carries_the_retry_after_of_a_transient_status() {
        let response: Result<Response<()>, Error> = Ok(Response::builder()
            .status(429)
            .header("retry-after", "7")
            .body(())
            .unwrap());
        assert_eq!(
            classify(idempotent(&Method::GET), &response, SystemTime::now()),
            Verdict::Transient {
                retry_after: Some(Duration::from_secs(7))
            }
        );
    }
}
