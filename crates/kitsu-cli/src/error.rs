//! The command line's errors: a message, what to do next, and a stable exit code.

use std::fmt;
use std::process::ExitCode;

use kitsu::{ApiError, SessionError};

/// The exit codes of `kitsu`, stable across versions (scripts test them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// Anything not listed below.
    Failure = 1,
    /// A command line that does not parse, or options that do not go together.
    Usage = 2,
    /// Not logged in, the session expired, or the login was refused.
    Auth = 3,
    /// A project, entity, task or route that does not exist.
    NotFound = 4,
    /// The server refused: the account lacks the permission.
    Forbidden = 5,
    /// The server could not be reached, timed out, or failed (5xx).
    Server = 6,
    /// Some items of a batch (downloads) failed; the others succeeded.
    Partial = 7,
}

/// The exit code table shown at the end of `kitsu --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  any other failure
  2  usage: the command line does not parse, or its options do not go together
  3  authentication: not logged in, session expired, login refused (run `kitsu login`)
  4  not found: no such project, entity, task, person or route
  5  forbidden: the account lacks the permission
  6  server: unreachable, timed out, or a server error (5xx)
  7  partial: some items of a batch failed (the others are done)";

/// A failure to report: what went wrong, what to do next, and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// The exit code.
    pub code: Code,
    /// What went wrong.
    pub message: String,
    /// What to do next, if there is something to say.
    pub hint: Option<String>,
}

impl CliError {
    /// A failure with a code and a message.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        CliError {
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds what to do next.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A usage error (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        CliError::new(Code::Usage, message)
    }

    /// A "no such thing" error (exit code 4).
    pub fn not_found(message: impl Into<String>) -> Self {
        CliError::new(Code::NotFound, message)
    }

    /// Prints it on stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("error: {}", self.message);
        if let Some(hint) = &self.hint {
            eprintln!("hint: {hint}");
        }
        ExitCode::from(self.code as u8)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

const LOGIN_HINT: &str =
    "run `kitsu login` (or set KITSU_TOKEN to a bot token, or KITSU_EMAIL and KITSU_PASSWORD)";

fn from_transport(error: &kitsu::transport::Error) -> CliError {
    use kitsu::transport::Error as T;
    match error {
        T::Refresh { .. } => CliError::new(Code::Auth, error.to_string()).hint(LOGIN_HINT),
        T::InvalidBaseUrl { .. } => CliError::new(Code::Usage, error.to_string()).hint(
            "give the API's URL: https://kitsu.mystudio.com/api, or http://127.0.0.1:5000 for a bare Zou",
        ),
        _ => CliError::new(Code::Server, error.to_string())
            .hint("check the host (`kitsu status`) and that the server is up"),
    }
}

impl From<ApiError> for CliError {
    fn from(error: ApiError) -> Self {
        let message = error.to_string();
        match &error {
            ApiError::NotAuthenticated(_) | ApiError::SessionExpired(_) => {
                CliError::new(Code::Auth, message).hint(LOGIN_HINT)
            }
            ApiError::NotAllowed(_) => CliError::new(Code::Forbidden, message)
                .hint("ask a Kitsu admin or the production's manager for access"),
            ApiError::RouteNotFound(_) => CliError::new(Code::NotFound, message),
            ApiError::Server(_) => CliError::new(Code::Server, message)
                .hint("the server failed: see its logs, or try again"),
            ApiError::Transport(inner) => {
                let mapped = from_transport(inner);
                CliError { message, ..mapped }
            }
            ApiError::InvalidId(_) | ApiError::InvalidInput { .. } => {
                CliError::new(Code::Usage, message)
            }
            _ => CliError::new(Code::Failure, message),
        }
    }
}

impl From<SessionError> for CliError {
    fn from(error: SessionError) -> Self {
        let message = error.to_string();
        match &error {
            SessionError::WrongCredentials { .. }
            | SessionError::InactiveUser { .. }
            | SessionError::DefaultPassword
            | SessionError::LoginRefused { .. } => CliError::new(Code::Auth, message)
                .hint("check the email and password, then run `kitsu login` again"),
            SessionError::SecondFactorRequired { .. } => CliError::new(Code::Auth, message)
                .hint("give the code with `kitsu login --otp CODE`, or run `kitsu login` on a terminal to be asked for it"),
            SessionError::WrongSecondFactor { .. } => CliError::new(Code::Auth, message).hint(
                "check the code (an authenticator's changes every 30 seconds), then run `kitsu login` again",
            ),
            SessionError::TooManyFailedAttempts { .. } => CliError::new(Code::Auth, message)
                .hint("wait a minute, then run `kitsu login` again"),
            SessionError::SessionExpired { .. } | SessionError::NotLoggedIn => {
                CliError::new(Code::Auth, message).hint(LOGIN_HINT)
            }
            SessionError::NotKitsuApi { .. } => CliError::new(Code::Usage, message),
            SessionError::Status { status, .. } if status.is_server_error() => {
                CliError::new(Code::Server, message)
            }
            SessionError::Transport(inner) => {
                let mapped = from_transport(inner);
                CliError { message, ..mapped }
            }
            _ => CliError::new(Code::Failure, message),
        }
    }
}

impl From<kitsu::Error> for CliError {
    fn from(error: kitsu::Error) -> Self {
        match error {
            kitsu::Error::Api(error) => error.into(),
            kitsu::Error::Session(error) => error.into(),
            kitsu::Error::Transport(error) => from_transport(&error),
            other => CliError::new(Code::Failure, other.to_string()),
        }
    }
}

impl From<kitsu::transport::Error> for CliError {
    fn from(error: kitsu::transport::Error) -> Self {
        from_transport(&error)
    }
}

impl From<kitsu::events::EventsError> for CliError {
    fn from(error: kitsu::events::EventsError) -> Self {
        CliError::new(Code::Server, error.to_string())
            .hint("check that Kitsu's event server is reachable (`--events-url` when it is not at the API's origin)")
    }
}

/// `Result` with a [`CliError`].
pub type Result<T, E = CliError> = std::result::Result<T, E>;

/// Turns an I/O error on `path` into a [`CliError`].
pub fn io(action: &str, path: &std::path::Path, error: std::io::Error) -> CliError {
    CliError::new(
        Code::Failure,
        format!("cannot {action} {}: {error}", path.display()),
    )
}

impl From<kitsu::ids::InvalidId> for CliError {
    fn from(error: kitsu::ids::InvalidId) -> Self {
        CliError::usage(error.to_string())
    }
}
