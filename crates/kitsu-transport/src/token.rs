//! The shared token cell and the refresh hook: how a session plugs into the transport.
//!
//! The transport knows nothing of logins or passwords, nor of how a given server says a token
//! expired. It holds a [`TokenCell`]: the current access token, which the auth layer injects as
//! `Authorization: Bearer …` when a request leaves, and an optional [`RefreshHook`], which tells
//! the auth layer which answers mean an expired token and gets a new one. A token that says when
//! it expires ([`BearerToken::expires_in`]) is refreshed shortly before. The cell makes the
//! refresh **single-flight**: however many requests meet the expired (or expiring) token at
//! once, the hook runs once, and every one of them goes (or replays) with the new token.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::{HeaderValue, StatusCode};
use tokio::time::Instant;

use crate::error::{BoxError, Error, SharedError};

/// A secret bearer token, and when it expires if that is known. Its `Debug` never shows the
/// secret. Two tokens are equal when their secrets are.
#[derive(Clone)]
pub struct BearerToken {
    secret: Arc<str>,
    expiry: Option<Expiry>,
}

/// When a token stops being valid, on tokio's clock (so paused-time tests see it), and how
/// long it was valid for when it was received.
#[derive(Clone, Copy, Debug)]
struct Expiry {
    at: Instant,
    valid_for: Duration,
}

/// The most a token is refreshed ahead of its expiry.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(60);

impl BearerToken {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>) -> Self {
        BearerToken {
            secret: Arc::from(token.into()),
            expiry: None,
        }
    }

    /// Says that the token expires `valid_for` from now. A transport whose
    /// [`TokenCell`] has a [`RefreshHook`] then refreshes it *before* it expires: the first
    /// request that leaves with less than a quarter of `valid_for` (at most a minute) left
    /// refreshes it, single-flight, so that a steady workload never meets an expired token.
    #[must_use]
    pub fn expires_in(mut self, valid_for: Duration) -> Self {
        self.expiry = Some(Expiry {
            at: Instant::now() + valid_for,
            valid_for,
        });
        self
    }

    /// How long the token stays valid, if its expiry is known (zero once expired).
    pub fn time_left(&self) -> Option<Duration> {
        self.expiry
            .map(|expiry| expiry.at.saturating_duration_since(Instant::now()))
    }

    /// Whether the token should be refreshed before it is sent: less than a quarter of its
    /// validity (at most a minute) is left.
    pub(crate) fn refresh_due(&self) -> bool {
        self.expiry.is_some_and(|expiry| {
            let margin = (expiry.valid_for / 4).min(MAX_REFRESH_MARGIN);
            expiry.at.saturating_duration_since(Instant::now()) < margin
        })
    }

    /// Whether the token is known to have expired.
    pub(crate) fn expired(&self) -> bool {
        self.time_left() == Some(Duration::ZERO)
    }

    /// The secret itself. Handle with care: never log it.
    pub fn expose(&self) -> &str {
        &self.secret
    }

    /// The `Authorization` header value for this token, marked sensitive.
    ///
    /// Fails with [`Error::Builder`] (setting `bearer_token`) when the token has characters an
    /// HTTP header cannot carry.
    pub fn header_value(&self) -> Result<HeaderValue, Error> {
        let mut value = HeaderValue::try_from(format!("Bearer {}", self.secret)).map_err(|_| {
            Error::builder(
                "bearer_token",
                "the token contains characters not allowed in an HTTP header",
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl PartialEq for BearerToken {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}

impl Eq for BearerToken {}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}

/// Gets a new access token when the current one has expired, and says what "expired" looks like.
///
/// The hook owns how it sends its request: to send it through the transport it refreshes, hold a
/// [`WeakTransport`](crate::WeakTransport) (from [`Transport::downgrade`](crate::Transport::downgrade)),
/// not a `Transport`, which would keep itself alive through its own token cell; give the
/// request an explicit `Authorization` header, which the auth layer then leaves alone; and mark
/// it [`BypassLimits`](crate::BypassLimits): the requests waiting for the refresh hold in-flight
/// slots, and a refresh queued behind them would never leave. Give the new token its expiry
/// ([`BearerToken::expires_in`]) when it is known, so that it too is refreshed before it expires.
/// The hook is called at most once per expired token, however many requests are waiting (see
/// [`TokenCell`]).
///
/// A closure `Fn() -> impl Future<Output = Result<BearerToken, BoxError>>` is a hook that treats
/// any 401 as an expired token.
pub trait RefreshHook: Send + Sync + 'static {
    /// Fetches a new access token.
    fn refresh(&self) -> BoxFuture<'static, Result<BearerToken, BoxError>>;

    /// Whether an answer to a request that carried the token means the token expired (and the
    /// request should be replayed after a refresh). The auth layer asks only for 4xx answers,
    /// with up to the first 16 KiB of the body. The default: any 401.
    fn is_expired(&self, status: StatusCode, body: &[u8]) -> bool {
        let _ = body;
        status == StatusCode::UNAUTHORIZED
    }
}

impl<F, Fut> RefreshHook for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<BearerToken, BoxError>> + Send + 'static,
{
    fn refresh(&self) -> BoxFuture<'static, Result<BearerToken, BoxError>> {
        Box::pin(self())
    }
}

/// The access token shared by every clone of a transport, and the hook that refreshes it.
///
/// Cloning the cell shares it. Every change of token bumps a generation counter, so a request
/// that met an expired token can tell whether someone else already refreshed it.
#[derive(Clone, Default)]
pub struct TokenCell {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: RwLock<State>,
    hook: RwLock<Option<Arc<dyn RefreshHook>>>,
    refresh_lock: tokio::sync::Mutex<()>,
    refreshes: AtomicU64,
}

#[derive(Default)]
struct State {
    token: Option<(BearerToken, HeaderValue)>,
    generation: u64,
    failed: Option<(u64, SharedError)>,
}

/// A token as the auth layer injects it: the token, its header and the generation it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub(crate) token: BearerToken,
    pub(crate) header: HeaderValue,
    pub(crate) generation: u64,
}

impl TokenCell {
    /// An empty cell: requests go out without `Authorization` until a token is set.
    pub fn new() -> Self {
        TokenCell::default()
    }

    /// Sets the access token (after a login, or from a saved token).
    ///
    /// Fails, leaving the cell as it was, when the token cannot be an HTTP header value.
    pub fn set(&self, token: BearerToken) -> Result<(), Error> {
        let header = token.header_value()?;
        let mut state = self.write();
        state.token = Some((token, header));
        state.generation += 1;
        state.failed = None;
        Ok(())
    }

    /// Removes the token (after a logout).
    pub fn clear(&self) {
        let mut state = self.write();
        state.token = None;
        state.generation += 1;
        state.failed = None;
    }

    /// The current token, if any.
    pub fn get(&self) -> Option<BearerToken> {
        self.read().token.as_ref().map(|(token, _)| token.clone())
    }

    /// Whether a token is set.
    pub fn is_set(&self) -> bool {
        self.read().token.is_some()
    }

    /// Installs the hook that refreshes an expired token.
    pub fn set_refresh_hook(&self, hook: impl RefreshHook) {
        *self
            .shared
            .hook
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(hook));
    }

    /// Removes the refresh hook: an expired token then surfaces as the server's answer.
    pub fn clear_refresh_hook(&self) {
        *self
            .shared
            .hook
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether a refresh hook is installed.
    pub fn has_refresh_hook(&self) -> bool {
        self.hook().is_some()
    }

    /// How many refreshes the hook has completed successfully on this cell.
    pub fn refresh_count(&self) -> u64 {
        self.shared.refreshes.load(Ordering::Relaxed)
    }

    /// Refreshes the token now, through the hook, and returns the new one: for a client that
    /// learns of an expiry outside an HTTP answer (an event socket the server refused).
    ///
    /// Single-flight with every other refresh: if one is under way, this waits for it and takes
    /// its result instead of refreshing twice.
    pub async fn refresh(&self) -> Result<BearerToken, Error> {
        let seen = self.read().generation;
        self.refresh_after(seen).await?;
        self.get().ok_or_else(|| Error::Refresh {
            source: Arc::new(NoToken),
        })
    }

    pub(crate) fn snapshot(&self) -> Option<Snapshot> {
        let state = self.read();
        state.token.as_ref().map(|(token, header)| Snapshot {
            token: token.clone(),
            header: header.clone(),
            generation: state.generation,
        })
    }

    /// Refreshes the token unless it changed since `seen` (then the newer one is returned).
    ///
    /// Single-flight: concurrent callers queue on one lock; the first runs the hook, the others
    /// find the generation moved and take its result, or its failure. Cancel-safe: if the
    /// refreshing caller is dropped, the next one in line refreshes.
    pub(crate) async fn refresh_after(&self, seen: u64) -> Result<Snapshot, Error> {
        let _flight = self.shared.refresh_lock.lock().await;
        {
            let state = self.read();
            if let Some((generation, error)) = &state.failed {
                if *generation == seen && state.generation == seen {
                    return Err(Error::Refresh {
                        source: error.clone(),
                    });
                }
            }
            if state.generation != seen {
                return match &state.token {
                    Some((token, header)) => Ok(Snapshot {
                        token: token.clone(),
                        header: header.clone(),
                        generation: state.generation,
                    }),
                    None => Err(Error::Refresh {
                        source: Arc::new(NoToken),
                    }),
                };
            }
        }
        let Some(hook) = self.hook() else {
            return Err(Error::Refresh {
                source: Arc::new(NoHook),
            });
        };
        tracing::debug!("access token expired or about to: refreshing");
        let refreshed = hook.refresh().await.and_then(|token| {
            // A token that cannot be a header is a failed refresh, like any other.
            let header = token.header_value().map_err(BoxError::from)?;
            Ok((token, header))
        });
        match refreshed {
            Ok((token, header)) => {
                let mut state = self.write();
                state.token = Some((token.clone(), header.clone()));
                state.generation += 1;
                state.failed = None;
                self.shared.refreshes.fetch_add(1, Ordering::Relaxed);
                Ok(Snapshot {
                    token,
                    header,
                    generation: state.generation,
                })
            }
            Err(error) => {
                let error: SharedError = Arc::from(error);
                tracing::warn!(error = %error, "token refresh failed");
                self.write().failed = Some((seen, error.clone()));
                Err(Error::Refresh { source: error })
            }
        }
    }

    pub(crate) fn hook(&self) -> Option<Arc<dyn RefreshHook>> {
        self.shared
            .hook
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.shared
            .state
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.shared
            .state
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for TokenCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.read();
        f.debug_struct("TokenCell")
            .field("token", &state.token.as_ref().map(|_| "<redacted>"))
            .field("generation", &state.generation)
            .field("refresh_hook", &self.has_refresh_hook())
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the token was cleared (logged out) while the request waited for a refresh")]
struct NoToken;

#[derive(Debug, thiserror::Error)]
#[error("no refresh hook is installed")]
struct NoHook;
