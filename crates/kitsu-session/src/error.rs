//! What can go wrong with a session.

use http::StatusCode;
use kitsu_core::zou::message_after_status;
use kitsu_transport::Error as TransportError;

/// `: message`, without a status line that repeats the status (Zou's 404), or nothing.
fn after_status(status: StatusCode, message: &str) -> String {
    match message_after_status(status, message) {
        "" => String::new(),
        message => format!(": {message}"),
    }
}

/// A second factor Zou accepts at login (its names in parentheses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecondFactor {
    /// A code from an authenticator app (`totp`).
    Totp,
    /// A code Zou sends by email (`email_otp`; `GET auth/email-otp` sends it).
    EmailOtp,
    /// A FIDO security key (`fido`), which needs a browser's WebAuthn: not supported here.
    Fido,
    /// One of the account's recovery codes (`recovery_code`).
    RecoveryCode,
}

impl SecondFactor {
    /// The method of Zou's name (`totp`, `email_otp`, `fido`, `recovery_code`).
    pub fn from_zou(name: &str) -> Option<SecondFactor> {
        match name {
            "totp" => Some(SecondFactor::Totp),
            "email_otp" => Some(SecondFactor::EmailOtp),
            "fido" => Some(SecondFactor::Fido),
            "recovery_code" => Some(SecondFactor::RecoveryCode),
            _ => None,
        }
    }

    /// Zou's name of the method, also the login body's field that carries its code.
    pub fn zou_name(self) -> &'static str {
        match self {
            SecondFactor::Totp => "totp",
            SecondFactor::EmailOtp => "email_otp",
            SecondFactor::Fido => "fido",
            SecondFactor::RecoveryCode => "recovery_code",
        }
    }
}

impl std::fmt::Display for SecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecondFactor::Totp => "a code from your authenticator app",
            SecondFactor::EmailOtp => "the code sent to you by email",
            SecondFactor::Fido => "your security key",
            SecondFactor::RecoveryCode => "a recovery code",
        })
    }
}

/// What a [`SessionError::SecondFactorRequired`] asks for.
fn second_factor_hint(method: Option<SecondFactor>, enabled: &[SecondFactor]) -> String {
    match method.or_else(|| {
        enabled
            .iter()
            .copied()
            .find(|m| *m != SecondFactor::RecoveryCode)
    }) {
        Some(method) => format!("give {method}"),
        None => "give a second factor".to_owned(),
    }
}

/// A session failure, typed so a tool can react (ask again, wait a minute, give up).
/// Every variant that comes from the server carries Zou's own message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// Unknown email or wrong password (Zou: 400 "Wrong email or password.").
    #[error("login refused: {message}")]
    WrongCredentials {
        /// Zou's message.
        message: String,
    },
    /// The account is locked after too many failed logins (Zou locks it for a minute after
    /// five, answering 400). Wait before trying again.
    #[error("login refused, account locked: {message}")]
    TooManyFailedAttempts {
        /// Zou's message.
        message: String,
    },
    /// The account is deactivated (Zou: 401 "User is unactive").
    #[error("login refused, inactive user: {message}")]
    InactiveUser {
        /// Zou's message.
        message: String,
    },
    /// The account still has the default password, which must be changed in Kitsu first.
    #[error("login refused: the account still has its default password; change it in Kitsu first")]
    DefaultPassword,
    /// The account has two-factor authentication and the login gave no code for it (Zou: 400
    /// `missing_OTP`). Ask the person for a code of `method` and log in again with it
    /// ([`Credentials::totp`](crate::Credentials::totp),
    /// [`Credentials::email_otp`](crate::Credentials::email_otp)).
    #[error("login refused: {message} ({})", second_factor_hint(*.method, .enabled))]
    SecondFactorRequired {
        /// The account's preferred method (Zou's `preferred_two_factor_authentication`), if it
        /// has one.
        method: Option<SecondFactor>,
        /// Every method the account can log in with (Zou's
        /// `two_factor_authentication_enabled`: its recovery codes, then the methods it
        /// enabled).
        enabled: Vec<SecondFactor>,
        /// Zou's message.
        message: String,
    },
    /// The second factor given was wrong (Zou: 400 `wrong_OTP`; it counts as a failed login).
    #[error("login refused: {message}")]
    WrongSecondFactor {
        /// Zou's message.
        message: String,
    },
    /// Any other refusal (a validation error…): Zou's status and message.
    #[error("login refused ({status}): {message}")]
    LoginRefused {
        /// The HTTP status.
        status: StatusCode,
        /// Zou's message.
        message: String,
    },
    /// The token expired and could not be refreshed (refresh token expired or revoked): log in
    /// again.
    #[error("the session expired and could not be refreshed: {message}")]
    SessionExpired {
        /// Why the refresh failed.
        message: String,
    },
    /// The session is not logged in (it was closed, or logged out already).
    #[error("the session is not logged in (already logged out?)")]
    NotLoggedIn,
    /// This session cannot log out (bot tokens never expire and cannot be revoked this way).
    #[error("this session cannot log out: {reason}")]
    CannotLogOut {
        /// Why.
        reason: String,
    },
    /// The base URL does not answer like a Kitsu API: `auth/login` is not there (a 404 or
    /// 405), or answers what Zou never does (an HTML page). Usually the base URL lacks Kitsu's
    /// `/api`, or has it where a bare Zou serves its routes at the root.
    #[error("{url} does not answer like a Kitsu API ({seen}): {hint}")]
    NotKitsuApi {
        /// The URL asked (the login route).
        url: String,
        /// What came back instead (`404 Not Found`, `200 OK with a text/html page`).
        seen: String,
        /// What to try: adding or removing `/api`.
        hint: String,
    },
    /// The server is not a Zou, or answered something a Zou does not.
    #[error("unexpected answer from {url}: {detail}")]
    UnexpectedAnswer {
        /// The URL asked.
        url: String,
        /// What was wrong with the answer (with the JSON field path when decoding failed).
        detail: String,
    },
    /// The server answered an error status where none was expected.
    #[error("{method} {url}: {status}{}", after_status(*.status, .message))]
    Status {
        /// The request method.
        method: http::Method,
        /// The URL asked.
        url: String,
        /// The status.
        status: StatusCode,
        /// Zou's message.
        message: String,
    },
    /// The request did not get an answer (unreachable server, TLS, timeout…).
    #[error(transparent)]
    Transport(#[from] TransportError),
}
