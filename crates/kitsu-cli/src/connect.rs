//! Getting a logged-in client: a bot token, a password from the environment, or a saved
//! profile's tokens.

use kitsu::transport::BearerToken;
use kitsu::{Credentials, Kitsu, Session, SessionKind, Transport};

use crate::config::{Config, Profile};
use crate::error::{CliError, Code, Result};

/// The global options that say where and who.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// The profile's name (`--profile`, `KITSU_PROFILE`, or `default`).
    pub profile: String,
    /// `--host` / `KITSU_HOST`.
    pub host: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The API URL as given, without a trailing slash.
pub fn normalise_host(host: &str) -> String {
    host.trim().trim_end_matches('/').to_owned()
}

/// A transport to `host`.
pub fn transport(host: &str) -> Result<Transport> {
    Ok(Transport::new(normalise_host(host))?)
}

/// A logged-in client and how to save what changed (a refreshed token) afterwards.
#[derive(Debug)]
pub struct Connection {
    /// The client.
    pub kitsu: Kitsu,
    /// The host it talks to.
    pub host: String,
    profile: Option<(String, Profile)>,
}

impl Connection {
    /// Logs in as the environment or the profile says.
    pub async fn open(target: &Target) -> Result<Connection> {
        let config = Config::load()?;
        let saved = config.profiles.get(&target.profile).cloned();
        let host = target
            .host
            .clone()
            .or_else(|| saved.as_ref().map(|p| p.host.clone()))
            .ok_or_else(|| {
                CliError::new(Code::Auth, "not logged in: no host is known")
                    .hint("run `kitsu login`, or set KITSU_HOST (with KITSU_TOKEN, or KITSU_EMAIL and KITSU_PASSWORD)")
            })?;
        let host = normalise_host(&host);
        if let Some(token) = env("KITSU_TOKEN") {
            let session = Session::from_bot_token(transport(&host)?, BearerToken::new(token))?;
            return Ok(Connection {
                kitsu: Kitsu::from_session(session),
                host,
                profile: None,
            });
        }
        if let (Some(email), Some(password)) = (env("KITSU_EMAIL"), env("KITSU_PASSWORD")) {
            let kitsu = Kitsu::log_in(transport(&host)?, Credentials::new(email, password)).await?;
            return Ok(Connection {
                kitsu,
                host,
                profile: None,
            });
        }
        let Some(profile) = saved.filter(|p| normalise_host(&p.host) == host) else {
            return Err(CliError::new(
                Code::Auth,
                format!("not logged in to {host} (profile `{}`)", target.profile),
            )
            .hint("run `kitsu login`, or set KITSU_TOKEN, or KITSU_EMAIL and KITSU_PASSWORD"));
        };
        let Some(access) = profile.access_token.clone() else {
            return Err(CliError::new(
                Code::Auth,
                format!("profile `{}` has no token (logged out)", target.profile),
            )
            .hint("run `kitsu login`"));
        };
        let session = Session::from_tokens(
            transport(&host)?,
            BearerToken::new(access),
            profile.refresh_token.clone().map(BearerToken::new),
        )?;
        Ok(Connection {
            kitsu: Kitsu::from_session(session),
            host,
            profile: Some((target.profile.clone(), profile)),
        })
    }

    /// Saves the tokens again if the session refreshed them. A session from the environment
    /// (password) logs out, since nothing keeps its tokens.
    pub async fn finish(self) -> Result<()> {
        let Connection {
            kitsu,
            profile,
            host: _,
        } = self;
        match profile {
            Some((name, mut profile)) => {
                let tokens = kitsu.session().tokens();
                let access = tokens.access.map(|t| t.expose().to_owned());
                if access.is_some() && access != profile.access_token {
                    profile.access_token = access;
                    if let Some(refresh) = tokens.refresh {
                        profile.refresh_token = Some(refresh.expose().to_owned());
                    }
                    let mut config = Config::load()?;
                    config.profiles.insert(name, profile);
                    config.save()?;
                }
                // The saved tokens stay valid: nothing to close on the server (dropping an
                // unclosed session only logs through `tracing`, which the CLI does not print).
                drop(kitsu);
                Ok(())
            }
            None if kitsu.session().kind() == SessionKind::Password => {
                // Best effort: the command's own result matters more.
                let _ = kitsu.close().await;
                Ok(())
            }
            None => Ok(()),
        }
    }
}
