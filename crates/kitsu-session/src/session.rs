//! [`Session`]: a logged-in transport, its tokens, and their refresh.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use http::{Method, StatusCode};
use kitsu_core::zou::{token_expired, token_valid_for};
use kitsu_transport::{BearerToken, BoxError, RefreshHook, Transport, WeakTransport};
use serde::Deserialize;
use serde_json::{Map, Value};

use kitsu_core::routes;

use crate::wire::{Answer, call};
use crate::{Credentials, SecondFactor, SessionError};

/// The logged-in person, as `auth/login` and `auth/authenticated` describe them.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct User {
    /// The person's id.
    pub id: kitsu_core::ids::PersonId,
    /// Their email.
    #[serde(default)]
    pub email: Option<String>,
    /// First and last name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Zou's role: `admin`, `manager`, `supervisor`, `user` (artist), `client`, `vendor`.
    #[serde(default)]
    pub role: Option<String>,
    /// Every other field Zou sends.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The tokens of a session, to save and resume from later with [`Session::from_tokens`].
/// `Debug` never shows them.
#[derive(Clone, Debug)]
pub struct SessionTokens {
    /// The access token, if logged in.
    pub access: Option<BearerToken>,
    /// The refresh token, if the session has one.
    pub refresh: Option<BearerToken>,
}

/// How a session got its token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    /// Logged in with email and password: logs out on close.
    Password,
    /// Resumed from saved tokens: logs out on close.
    Tokens,
    /// A bot (API) token: never expires, cannot refresh nor log out.
    Bot,
}

/// A logged-in handle on a Kitsu server: a [`Transport`] whose token cell holds this session's
/// access token and whose refresh hook renews it.
///
/// Clones share the session. Close it with [`Session::close`] (or run work in
/// [`Session::scoped`], which always closes). There is no async drop: a session dropped
/// without closing stays valid on the server until its tokens expire, and a warning is
/// logged through `tracing`; nothing blocks.
///
/// ```no_run
/// # async fn demo() -> Result<(), kitsu_session::SessionError> {
/// use kitsu_session::{Credentials, Session};
/// use kitsu_transport::Transport;
///
/// let transport = Transport::new("https://kitsu.mystudio.com/api")?;
/// let session = Session::log_in(transport, Credentials::new("me@mystudio.com", "password")).await?;
/// println!("logged in as {:?}", session.user().and_then(|u| u.full_name.clone()));
/// session.close().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Session {
    transport: Transport,
    inner: Arc<Inner>,
}

struct Inner {
    kind: SessionKind,
    user: Option<User>,
    organisation: Option<Value>,
    refresh: Arc<Mutex<Option<BearerToken>>>,
    closed: AtomicBool,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if self.kind != SessionKind::Bot && !self.closed.load(Ordering::Acquire) {
            tracing::warn!(
                "a Kitsu session was dropped without close(): its tokens stay valid on the server \
                 until they expire; call close().await or use Session::scoped"
            );
        }
    }
}

#[derive(Deserialize)]
struct LoginAnswer {
    access_token: String,
    refresh_token: String,
    user: User,
    #[serde(default)]
    organisation: Option<Value>,
}

#[derive(Deserialize)]
struct RefreshAnswer {
    access_token: String,
}

/// An access token, with its expiry when it says (Zou's are JWTs with an `exp`; bots' have
/// none), so that the transport refreshes it before it expires.
fn access_token(token: String) -> BearerToken {
    let valid_for = token_valid_for(&token, std::time::SystemTime::now());
    let token = BearerToken::new(token);
    match valid_for {
        Some(valid_for) => token.expires_in(valid_for),
        None => token,
    }
}

/// The refresh hook: `GET auth/refresh-token` with the refresh token as the bearer, sent through
/// the session's transport (held weakly: the transport holds the hook), and Zou's idea of an
/// expired token (any 401, or a 422 "Signature has expired").
struct ZouRefresh {
    transport: WeakTransport,
    refresh: Arc<Mutex<Option<BearerToken>>>,
}

impl RefreshHook for ZouRefresh {
    fn refresh(&self) -> BoxFuture<'static, Result<BearerToken, BoxError>> {
        let token = self
            .refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let transport = self.transport.upgrade();
        Box::pin(async move {
            let Some(token) = token else {
                return Err(Box::new(SessionError::SessionExpired {
                    message: "the session has no refresh token".into(),
                }) as BoxError);
            };
            let Some(transport) = transport else {
                return Err("the transport was dropped".into());
            };
            request_refresh(&transport, &token)
                .await
                .map_err(|error| Box::new(error) as BoxError)
        })
    }

    fn is_expired(&self, status: StatusCode, body: &[u8]) -> bool {
        token_expired(status, body)
    }
}

async fn request_refresh(
    transport: &Transport,
    refresh: &BearerToken,
) -> Result<BearerToken, SessionError> {
    let answer = call(
        transport,
        Method::GET,
        &routes::refresh_token(),
        None,
        Some(refresh),
    )
    .await?;
    if !answer.status.is_success() {
        return Err(SessionError::SessionExpired {
            message: format!("{} {}", answer.status, answer.message()),
        });
    }
    let fresh: RefreshAnswer = answer.decode()?;
    Ok(access_token(fresh.access_token))
}

/// The login answer of something that is not a Kitsu API, if it is one: no `auth/login` there
/// (404, 405), or an answer Zou never gives (not JSON: an HTML page, a proxy's text).
fn not_kitsu(transport: &Transport, answer: &Answer) -> Option<SessionError> {
    let json = serde_json::from_slice::<Value>(&answer.body).is_ok_and(|body| body.is_object());
    let seen = match answer.status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => answer.status.to_string(),
        status if status.is_server_error() || json => return None,
        status if answer.body.is_empty() => format!("{status} with an empty body"),
        status => format!(
            "{status} with a body that is not JSON: {:?}",
            snippet(&answer.body)
        ),
    };
    let prefix = transport.base_url().prefix();
    let hint = if prefix.ends_with("/api") {
        format!(
            "a bare Zou serves its routes at the root: try the URL without `/api` ({}://{}{})",
            transport.base_url().scheme(),
            transport.base_url().authority(),
            prefix.trim_end_matches("/api")
        )
    } else {
        format!(
            "Kitsu serves its API under `/api`: try {}://{}{prefix}/api",
            transport.base_url().scheme(),
            transport.base_url().authority(),
        )
    };
    Some(SessionError::NotKitsuApi {
        url: answer.url.clone(),
        seen,
        hint,
    })
}

/// The start of a body, as text, for an error message.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(80)]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a refused login: Zou's flags first, then its message.
fn login_refusal(answer: Answer) -> SessionError {
    let body: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    let flag = |name: &str| body.get(name) == Some(&Value::Bool(true));
    let message = answer.message();
    if answer.status.is_server_error() {
        return answer.into_status_error(Method::POST);
    }
    if flag("too_many_failed_login_attemps") {
        SessionError::TooManyFailedAttempts { message }
    } else if flag("unactive") {
        SessionError::InactiveUser { message }
    } else if flag("default_password") {
        SessionError::DefaultPassword
    } else if flag("missing_OTP") {
        let method = |value: &Value| value.as_str().and_then(SecondFactor::from_zou);
        SessionError::SecondFactorRequired {
            method: body
                .get("preferred_two_factor_authentication")
                .and_then(method),
            enabled: body
                .get("two_factor_authentication_enabled")
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(method).collect())
                .unwrap_or_default(),
            message,
        }
    } else if flag("wrong_OTP") {
        SessionError::WrongSecondFactor { message }
    } else if message == "Wrong email or password." {
        SessionError::WrongCredentials { message }
    } else {
        SessionError::LoginRefused {
            status: answer.status,
            message,
        }
    }
}

impl Session {
    /// Logs in with an email and password (and a second factor if the account needs one).
    /// The password is sent once and not kept.
    pub async fn log_in(
        transport: Transport,
        credentials: Credentials,
    ) -> Result<Session, SessionError> {
        let body = credentials.to_json();
        drop(credentials);
        let answer = call(
            &transport,
            Method::POST,
            &routes::login(),
            Some(&body),
            None,
        )
        .await?;
        drop(body);
        if let Some(error) = not_kitsu(&transport, &answer) {
            return Err(error);
        }
        if answer.status != StatusCode::OK {
            return Err(login_refusal(answer));
        }
        let logged_in = serde_json::from_slice::<Value>(&answer.body)
            .ok()
            .and_then(|v| v.get("login").cloned());
        if logged_in != Some(Value::Bool(true)) {
            return Err(login_refusal(answer));
        }
        let login: LoginAnswer = answer.decode()?;
        let session = Session::install(
            transport,
            SessionKind::Password,
            access_token(login.access_token),
            Some(BearerToken::new(login.refresh_token)),
            Some(login.user),
            login.organisation,
        )?;
        tracing::debug!(kind = "password", "logged in");
        Ok(session)
    }

    /// Resumes a session from saved tokens (no request is sent; the first call tells whether
    /// they are still valid, and an expired access token is refreshed if a refresh token is given,
    /// before it is sent when its `exp` says it expired).
    pub fn from_tokens(
        transport: Transport,
        access: BearerToken,
        refresh: Option<BearerToken>,
    ) -> Result<Session, SessionError> {
        let access = match access.time_left() {
            Some(_) => access,
            None => access_token(access.expose().to_owned()),
        };
        Session::install(transport, SessionKind::Tokens, access, refresh, None, None)
    }

    /// A session with a bot (API) token: it never expires, and cannot refresh nor log out.
    pub fn from_bot_token(
        transport: Transport,
        token: BearerToken,
    ) -> Result<Session, SessionError> {
        Session::install(transport, SessionKind::Bot, token, None, None, None)
    }

    fn install(
        transport: Transport,
        kind: SessionKind,
        access: BearerToken,
        refresh: Option<BearerToken>,
        user: Option<User>,
        organisation: Option<Value>,
    ) -> Result<Session, SessionError> {
        transport.token().set(access)?;
        let has_refresh = refresh.is_some();
        let refresh = Arc::new(Mutex::new(refresh));
        if has_refresh {
            transport.token().set_refresh_hook(ZouRefresh {
                transport: transport.downgrade(),
                refresh: refresh.clone(),
            });
        } else {
            transport.token().clear_refresh_hook();
        }
        Ok(Session {
            transport,
            inner: Arc::new(Inner {
                kind,
                user,
                organisation,
                refresh,
                closed: AtomicBool::new(false),
            }),
        })
    }

    /// The transport, which sends every request with this session's token.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// How the session got its token.
    pub fn kind(&self) -> SessionKind {
        self.inner.kind
    }

    /// The user the login answered with (`None` for sessions from tokens: see
    /// [`Session::authenticated_user`]).
    pub fn user(&self) -> Option<&User> {
        self.inner.user.as_ref()
    }

    /// The organisation the login answered with.
    pub fn organisation(&self) -> Option<&Value> {
        self.inner.organisation.as_ref()
    }

    /// Whether the session still holds a token (it was not closed).
    pub fn is_logged_in(&self) -> bool {
        !self.inner.closed.load(Ordering::Acquire) && self.transport.token().is_set()
    }

    /// The current tokens, to save.
    pub fn tokens(&self) -> SessionTokens {
        SessionTokens {
            access: self.transport.token().get(),
            refresh: self
                .inner
                .refresh
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }

    /// Turns the automatic refresh-and-replay of expired tokens on (the default when there is a
    /// refresh token) or off (an expired token then surfaces as the server's 401).
    pub fn set_auto_refresh(&self, enabled: bool) {
        let has_refresh = self
            .inner
            .refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some();
        if enabled && has_refresh {
            self.transport.token().set_refresh_hook(ZouRefresh {
                transport: self.transport.downgrade(),
                refresh: self.inner.refresh.clone(),
            });
        } else {
            self.transport.token().clear_refresh_hook();
        }
    }

    /// Gets a new access token now.
    pub async fn refresh(&self) -> Result<(), SessionError> {
        let token = self
            .inner
            .refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(token) = token else {
            return Err(SessionError::SessionExpired {
                message: "this session has no refresh token".into(),
            });
        };
        let fresh = request_refresh(&self.transport, &token).await?;
        self.transport.token().set(fresh)?;
        Ok(())
    }

    /// Who the server says the token belongs to (`GET auth/authenticated`).
    pub async fn authenticated_user(&self) -> Result<User, SessionError> {
        let answer = call(
            &self.transport,
            Method::GET,
            &routes::authenticated(),
            None,
            None,
        )
        .await?;
        if !answer.status.is_success() {
            return Err(answer.into_status_error(Method::GET));
        }
        #[derive(Deserialize)]
        struct Authenticated {
            user: User,
        }
        Ok(answer.decode::<Authenticated>()?.user)
    }

    /// Logs out: Zou revokes the access token and its refresh token, and the token cell is
    /// cleared. A second call answers [`SessionError::NotLoggedIn`]; a bot session answers
    /// [`SessionError::CannotLogOut`]. Tokens the server already refuses count as logged out.
    pub async fn log_out(&self) -> Result<(), SessionError> {
        if self.inner.kind == SessionKind::Bot {
            return Err(SessionError::CannotLogOut {
                reason: "bot tokens cannot log out; revoke the bot in Kitsu instead".into(),
            });
        }
        if self.inner.closed.load(Ordering::Acquire) || !self.transport.token().is_set() {
            return Err(SessionError::NotLoggedIn);
        }
        let answer = match call(&self.transport, Method::GET, &routes::logout(), None, None).await {
            Err(SessionError::Transport(kitsu_transport::Error::Refresh { .. })) => None,
            other => Some(other?),
        };
        match answer {
            Some(answer) if answer.status == StatusCode::FORBIDDEN => {
                return Err(SessionError::CannotLogOut {
                    reason: answer.message(),
                });
            }
            Some(answer)
                if !answer.status.is_success()
                    && !matches!(
                        answer.status,
                        StatusCode::UNAUTHORIZED | StatusCode::UNPROCESSABLE_ENTITY
                    ) =>
            {
                return Err(answer.into_status_error(Method::GET));
            }
            // Success, or tokens the server already refuses: logged out either way.
            _ => {}
        }
        self.inner.closed.store(true, Ordering::Release);
        self.transport.token().clear();
        self.transport.token().clear_refresh_hook();
        *self
            .inner
            .refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
        tracing::debug!("logged out");
        Ok(())
    }

    /// Logs out and consumes the session. Closing a bot session does nothing and succeeds.
    pub async fn close(self) -> Result<(), SessionError> {
        match self.log_out().await {
            Err(SessionError::CannotLogOut { .. }) if self.inner.kind == SessionKind::Bot => Ok(()),
            other => other,
        }
    }

    /// Runs `work` with this session and logs out afterwards, whether the work succeeded,
    /// failed, panicked (the panic then resumes) or was cancelled (its future dropped by a
    /// `tokio::time::timeout` or a `select!`: a best-effort logout is then spawned on the
    /// current tokio runtime). A failed logout after successful work is returned as the error;
    /// after failed work it is logged and the work's error returned.
    ///
    /// ```no_run
    /// # async fn demo(session: kitsu_session::Session) -> Result<(), kitsu_session::SessionError> {
    /// let user = session
    ///     .scoped(|session| async move { session.authenticated_user().await })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn scoped<F, Fut, T, E>(self, work: F) -> Result<T, E>
    where
        F: FnOnce(Session) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<SessionError>,
    {
        self.scoped_with(work, E::from).await
    }

    /// [`Session::scoped`] with the caller's own mapping of a logout failure into the work's
    /// error type (for wrappers whose error type is not `From<SessionError>`).
    pub async fn scoped_with<F, Fut, T, E>(
        self,
        work: F,
        logout_error: impl FnOnce(SessionError) -> E,
    ) -> Result<T, E>
    where
        F: FnOnce(Session) -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let guard = LogoutGuard::new(self.clone());
        let outcome = AssertUnwindSafe(work(self)).catch_unwind().await;
        let closed = guard.close().await;
        match outcome {
            Err(panic) => {
                if let Err(error) = closed {
                    tracing::warn!(%error, "logout after a panic failed");
                }
                std::panic::resume_unwind(panic)
            }
            Ok(Err(error)) => {
                if let Err(logout) = closed {
                    tracing::warn!(error = %logout, "logout after a failure failed");
                }
                Err(error)
            }
            Ok(Ok(value)) => closed.map(|()| value).map_err(logout_error),
        }
    }
}

/// Logs its session out when dropped before [`LogoutGuard::close`] finished: the logout is
/// spawned on the current tokio runtime (best effort: with no runtime, a warning is logged).
/// What makes [`Session::scoped`] log out when its future is cancelled.
#[derive(Debug)]
#[must_use = "dropping the guard logs the session out at once"]
pub struct LogoutGuard {
    session: Option<Session>,
}

impl LogoutGuard {
    /// Guards `session`.
    pub fn new(session: Session) -> Self {
        LogoutGuard {
            session: Some(session),
        }
    }

    /// Logs out now and disarms the guard once the logout has finished (if this future is
    /// dropped first, the guard still logs out).
    pub async fn close(mut self) -> Result<(), SessionError> {
        let Some(session) = self.session.clone() else {
            return Ok(());
        };
        let closed = session.close().await;
        self.session = None;
        closed
    }
}

impl Drop for LogoutGuard {
    fn drop(&mut self) {
        let Some(session) = self.session.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                tracing::debug!("scoped session cancelled: logging out in the background");
                runtime.spawn(async move {
                    if let Err(error) = session.close().await {
                        tracing::warn!(%error, "logout of a cancelled scoped session failed");
                    }
                });
            }
            Err(_) => tracing::warn!(
                "a scoped session was cancelled outside a tokio runtime: it could not log out"
            ),
        }
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("base_url", &self.transport.base_url().to_string())
            .field("kind", &self.inner.kind)
            .field("user", &self.inner.user.as_ref().map(|u| &u.email))
            .field("logged_in", &self.is_logged_in())
            .finish_non_exhaustive()
    }
}
