//! What a scenario runs against.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use kitsu::Kitsu;

/// Stops and starts a backend's event server, for outage scenarios.
#[derive(Clone)]
pub struct EventOutage {
    /// Stops it (the mock's `stop`; on Zou, kills the process).
    pub stop: Arc<dyn Fn() + Send + Sync>,
    /// Starts it again, returning once it listens.
    pub start: Arc<dyn Fn() + Send + Sync>,
}

impl fmt::Debug for EventOutage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventOutage")
    }
}

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
    /// The event server's URL when it is not at the API's origin (a bare Zou's own port).
    pub events_url: Option<String>,
    /// How to take the event server down and up again.
    pub event_outage: Option<EventOutage>,
}

impl Backend {
    /// Logs in as the admin.
    pub async fn admin(&self) -> Result<Kitsu, kitsu::Error> {
        kitsu::create_session(&self.base_url, &self.admin_email, &self.admin_password).await
    }

    /// An events builder for `kitsu` pointed at this backend's event server.
    pub fn events(&self, kitsu: &Kitsu) -> kitsu::events::EventsBuilder {
        let builder = kitsu.events();
        match &self.events_url {
            Some(url) => builder.url(url),
            None => builder,
        }
    }

    /// A name unique to this run, so scenarios never collide on a shared database.
    pub fn unique(&self, prefix: &str) -> String {
        format!(
            "{prefix} {}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        )
    }
}
