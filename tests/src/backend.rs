//! What a scenario runs against.

use std::time::Duration;

use kitsu::Kitsu;

/// A Kitsu to run scenarios on.
#[derive(Clone, Debug)]
pub struct Backend {
    /// `mock` or `zou`.
    pub name: &'static str,
    /// The base URL.
    pub base_url: String,
    /// An admin's email.
    pub admin_email: String,
    /// The admin's password.
    pub admin_password: String,
    /// A server whose access tokens live `ttl` (same database), for refresh scenarios.
    pub short_ttl: Option<(String, Duration)>,
    /// An MP4 with an audio track, if one can be made here (the mock accepts any bytes).
    pub movie: Option<Vec<u8>>,
    /// Whether the server transcodes movies (a real Zou does; the mock stores them as they are).
    pub transcodes: bool,
}

impl Backend {
    /// Logs in as the admin.
    pub async fn admin(&self) -> Result<Kitsu, kitsu::Error> {
        kitsu::create_session(&self.base_url, &self.admin_email, &self.admin_password).await
    }

    /// A name unique to this run, so scenarios never collide on a shared database.
    pub fn unique(&self, prefix: &str) -> String {
        format!(
            "{prefix} {}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        )
    }
}
