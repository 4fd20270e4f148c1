//! Login, logout and token refresh for kitsu-rs.
//!
//! A [`Session`] logs in through a [`Transport`](kitsu_transport::Transport) and plugs into it
//! through what the transport defines: the access token goes into the transport's
//! [`TokenCell`](kitsu_transport::TokenCell), and a refresh hook (`GET auth/refresh-token` with
//! the refresh token) is installed in it, which also tells the transport how Zou says a token
//! expired (any 401, or a 422 "Signature has expired"). From then on every request through that
//! transport, from any crate, is refreshed and replayed when the token expires, once,
//! single-flight.
//!
//! [`create_session`] is the short way in; [`Session::scoped`] is the Rust form of gazu's
//! `async with create_session(...)`: it always logs out.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kitsu_session::SessionError> {
//! let session = kitsu_session::create_session(
//!     "https://kitsu.mystudio.com/api",
//!     "me@mystudio.com",
//!     "password",
//! )
//! .await?;
//! let me = session.authenticated_user().await?;
//! println!("{:?}", me.full_name);
//! session.close().await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod error;
mod secret;
mod server;
mod session;
mod wire;

pub use error::SessionError;
pub use secret::{Credentials, Secret};
pub use server::{api_version, host_is_up, host_is_valid};
pub use session::{Session, SessionKind, SessionTokens, User};

/// Builds a transport with every default for `host` and logs in.
pub async fn create_session(
    host: &str,
    email: &str,
    password: impl Into<Secret>,
) -> Result<Session, SessionError> {
    let transport = kitsu_transport::Transport::new(host)?;
    Session::log_in(transport, Credentials::new(email, password)).await
}
