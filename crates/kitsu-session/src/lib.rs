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
//! [`Session::log_in`] is the way in (applications use the `kitsu` facade's `create_session`);
//! [`Session::scoped`] is the Rust form of gazu's `async with create_session(...)`: it always
//! logs out, even when its future is cancelled.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kitsu_session::SessionError> {
//! use kitsu_session::{Credentials, Session};
//!
//! let transport = kitsu_transport::Transport::new("https://kitsu.mystudio.com/api")?;
//! let session = Session::log_in(transport, Credentials::new("me@mystudio.com", "password")).await?;
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

pub use error::{SecondFactor, SessionError};
pub use secret::{Credentials, Secret};
pub use server::{api_version, host_is_up, host_is_valid};
pub use session::{LogoutGuard, Session, SessionKind, SessionTokens, User};
