//! Credentials that never show in logs.

use std::fmt;

/// A password or one-time code. `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret string.
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(secret.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Secret::new(secret)
    }
}

impl From<&String> for Secret {
    fn from(secret: &String) -> Self {
        Secret::new(secret.as_str())
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Secret(secret)
    }
}

/// What a login sends: an email, a password, and optionally a second factor.
///
/// ```
/// use kitsu_session::Credentials;
/// let credentials = Credentials::new("admin@example.com", "mysecretpassword").totp("123456");
/// assert!(!format!("{credentials:?}").contains("mysecretpassword"));
/// ```
#[derive(Clone)]
pub struct Credentials {
    pub(crate) email: String,
    pub(crate) password: Secret,
    pub(crate) totp: Option<Secret>,
    pub(crate) email_otp: Option<Secret>,
    pub(crate) recovery_code: Option<Secret>,
}

impl Credentials {
    /// An email and a password.
    pub fn new(email: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials {
            email: email.into(),
            password: password.into(),
            totp: None,
            email_otp: None,
            recovery_code: None,
        }
    }

    /// Adds a TOTP code (authenticator app).
    pub fn totp(mut self, code: impl Into<Secret>) -> Self {
        self.totp = Some(code.into());
        self
    }

    /// Adds a one-time code received by email.
    pub fn email_otp(mut self, code: impl Into<Secret>) -> Self {
        self.email_otp = Some(code.into());
        self
    }

    /// Adds a recovery code.
    pub fn recovery_code(mut self, code: impl Into<Secret>) -> Self {
        self.recovery_code = Some(code.into());
        self
    }

    /// The email.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The JSON body of `POST auth/login`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut body = serde_json::json!({"email": self.email, "password": self.password.expose()});
        for (key, value) in [
            ("totp", &self.totp),
            ("email_otp", &self.email_otp),
            ("recovery_code", &self.recovery_code),
        ] {
            if let Some(value) = value {
                body[key] = serde_json::Value::String(value.expose().to_owned());
            }
        }
        body
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("email", &self.email)
            .field("password", &self.password)
            .field("totp", &self.totp.as_ref().map(|_| "<redacted>"))
            .field("email_otp", &self.email_otp.as_ref().map(|_| "<redacted>"))
            .field(
                "recovery_code",
                &self.recovery_code.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}
