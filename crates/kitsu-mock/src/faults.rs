//! Fault injection and request recording, for reliability tests.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use http::{HeaderMap, Method};

/// What to do to a matching request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long before answering.
    Latency(Duration),
    /// Answer this status with a Zou-shaped error body instead of handling the request.
    Status(u16),
    /// Answer this status (429 or 503) with `Retry-After: <seconds>`.
    RetryAfter {
        /// The status to answer.
        status: u16,
        /// The `Retry-After` value in seconds.
        seconds: u64,
    },
    /// Handle the request, send the head and half the body, then reset the connection.
    ResetMidBody,
    /// Handle the request, declare the full `Content-Length`, send half the body and close.
    TruncatedBody,
    /// Close the connection without answering (a reset before the response head).
    CloseConnection,
    /// Answer this instead of handling the request, as something in front of Zou might (a
    /// proxy's redirect to a login page, a web server's HTML page).
    Respond {
        /// The status.
        status: u16,
        /// The headers (`Location`, `Content-Type`, …).
        headers: Vec<(String, String)>,
        /// The body.
        body: bytes::Bytes,
    },
}

/// A fault for requests that match a method (or any) and a path.
#[derive(Clone, Debug)]
struct Rule {
    method: Option<Method>,
    path: String,
    fault: Fault,
    /// How many more requests it applies to; `None` for every one.
    remaining: Option<usize>,
}

impl Rule {
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && match self.path.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => self.path == path,
            }
    }
}

/// The faults a [`MockKitsu`](crate::MockKitsu) injects.
///
/// Paths are relative to the API root, without a query: `data/projects`. A trailing `*` matches
/// any path with that prefix (`data/shots/*`). Rules apply in the order they were added; the
/// first matching status rule answers, and latency rules add up.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
}

/// What the server does to one request.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) latency: Duration,
    pub(crate) replace: Option<Fault>,
    pub(crate) body: Option<Fault>,
}

impl Faults {
    fn add(&self, method: Option<Method>, path: &str, fault: Fault, times: Option<usize>) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Rule {
                method,
                path: path.trim_start_matches('/').to_owned(),
                fault,
                remaining: times,
            });
    }

    /// Delays every request to `path` (any method) by `delay`.
    pub fn latency(&self, path: &str, delay: Duration) {
        self.add(None, path, Fault::Latency(delay), None);
    }

    /// Answers the next requests to `method path` with these statuses, one each, then handles
    /// requests normally again: `statuses(GET, "data/projects", [503, 503])`.
    pub fn statuses(&self, method: Method, path: &str, statuses: impl IntoIterator<Item = u16>) {
        for status in statuses {
            self.add(Some(method.clone()), path, Fault::Status(status), Some(1));
        }
    }

    /// Answers the next `times` requests to `method path` with `status` and `Retry-After: seconds`.
    pub fn retry_after(&self, method: Method, path: &str, status: u16, seconds: u64, times: usize) {
        self.add(
            Some(method),
            path,
            Fault::RetryAfter { status, seconds },
            Some(times),
        );
    }

    /// Resets the connection halfway through the body of the next `times` answers to `method path`.
    pub fn reset_mid_body(&self, method: Method, path: &str, times: usize) {
        self.add(Some(method), path, Fault::ResetMidBody, Some(times));
    }

    /// Sends only half of the declared body of the next `times` answers to `method path`.
    pub fn truncate_body(&self, method: Method, path: &str, times: usize) {
        self.add(Some(method), path, Fault::TruncatedBody, Some(times));
    }

    /// Closes the connection of the next `times` requests to `method path` without answering.
    pub fn close_connection(&self, method: Method, path: &str, times: usize) {
        self.add(Some(method), path, Fault::CloseConnection, Some(times));
    }

    /// Answers the next `times` requests to `method path` with this status, headers and body
    /// instead of handling them: `respond(DELETE, "data/tasks/*", 302, [("location",
    /// "https://sso.example.com/")], "", 1)`.
    pub fn respond<'h>(
        &self,
        method: Method,
        path: &str,
        status: u16,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        body: impl Into<bytes::Bytes>,
        times: usize,
    ) {
        let fault = Fault::Respond {
            status,
            headers: headers
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            body: body.into(),
        };
        self.add(Some(method), path, fault, Some(times));
    }

    /// Removes every fault.
    pub fn clear(&self) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Works out, and uses up, what applies to this request.
    pub(crate) fn plan(&self, method: &Method, path: &str) -> Plan {
        let mut plan = Plan::default();
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        for rule in rules.iter_mut() {
            if rule.remaining == Some(0) || !rule.matches(method, path) {
                continue;
            }
            let used = match &rule.fault {
                Fault::Latency(delay) => {
                    plan.latency += *delay;
                    true
                }
                Fault::Status(_)
                | Fault::RetryAfter { .. }
                | Fault::CloseConnection
                | Fault::Respond { .. }
                    if plan.replace.is_none() =>
                {
                    plan.replace = Some(rule.fault.clone());
                    true
                }
                Fault::ResetMidBody | Fault::TruncatedBody
                    if plan.body.is_none() && plan.replace.is_none() =>
                {
                    plan.body = Some(rule.fault.clone());
                    true
                }
                _ => false,
            };
            if used {
                if let Some(remaining) = &mut rule.remaining {
                    *remaining -= 1;
                }
            }
        }
        rules.retain(|rule| rule.remaining != Some(0));
        plan
    }
}

/// A request the mock received.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// The method.
    pub method: Method,
    /// The path relative to the API root (`data/projects`), without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The request headers.
    pub headers: HeaderMap,
    /// How many body bytes arrived.
    pub body_len: usize,
    /// Whether the body came chunked (no `Content-Length`).
    pub chunked: bool,
}

/// The log of received requests.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    requests: Mutex<Vec<RecordedRequest>>,
}

impl Recorder {
    pub(crate) fn push(&self, request: RecordedRequest) {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
    }

    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn count(&self, method: &Method, path: &str) -> usize {
        let path = path.trim_start_matches('/');
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|r| r.method == *method && r.path == path)
            .count()
    }

    pub(crate) fn clear(&self) {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
