//! Is an outcome worth another attempt?

use std::time::{Duration, SystemTime};

use http::{Method, Response, StatusCode};

use super::retry_after;
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

/// Classifies an attempt's outcome for a request with `method`.
pub(crate) fn classify<B>(
    method: &Method,
    outcome: &Result<Response<B>, Error>,
    now: SystemTime,
) -> Verdict {
    match outcome {
        Ok(response) => classify_status(method, response, now),
        // Nothing reached the server: safe for every method.
        Err(Error::Connect { .. }) => Verdict::Transient { retry_after: None },
        // The request may have reached the server: only repeat what is idempotent.
        Err(Error::Request {
            connection_closed: true,
            ..
        })
        | Err(Error::Timeout { .. })
            if idempotent(method) =>
        {
            Verdict::Transient { retry_after: None }
        }
        Err(_) => Verdict::Final,
    }
}

fn classify_status<B>(method: &Method, response: &Response<B>, now: SystemTime) -> Verdict {
    let transient = matches!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    );
    if transient && idempotent(method) {
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
                    classify(&method, &status(code), now),
                    TRANSIENT,
                    "{method} {code}"
                );
            }
            assert_eq!(classify(&method, &connect(), now), TRANSIENT);
            assert_eq!(classify(&method, &closed(), now), TRANSIENT);
            assert_eq!(classify(&method, &timeout(), now), TRANSIENT);
        }
    }

    #[test]
    fn post_retries_only_what_never_reached_the_server() {
        let now = SystemTime::now();
        assert_eq!(classify(&Method::POST, &connect(), now), TRANSIENT);
        for code in [429, 502, 503, 504] {
            assert_eq!(classify(&Method::POST, &status(code), now), Verdict::Final);
        }
        assert_eq!(classify(&Method::POST, &closed(), now), Verdict::Final);
        assert_eq!(classify(&Method::POST, &timeout(), now), Verdict::Final);
        assert_eq!(classify(&Method::PATCH, &status(503), now), Verdict::Final);
    }

    #[test]
    fn final_statuses_and_errors() {
        let now = SystemTime::now();
        for code in [
            200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 422, 500, 501,
        ] {
            assert_eq!(
                classify(&Method::GET, &status(code), now),
                Verdict::Final,
                "{code}"
            );
        }
        let tls: Result<Response<()>, Error> = Err(Error::Tls {
            url: Uri::from_static("https://h/"),
            source: "unknown issuer".into(),
        });
        assert_eq!(classify(&Method::GET, &tls, now), Verdict::Final);
    }

    #[test]
    fn carries_the_retry_after_of_a_transient_status() {
        let response: Result<Response<()>, Error> = Ok(Response::builder()
            .status(429)
            .header("retry-after", "7")
            .body(())
            .unwrap());
        assert_eq!(
            classify(&Method::GET, &response, SystemTime::now()),
            Verdict::Transient {
                retry_after: Some(Duration::from_secs(7))
            }
        );
    }
}
