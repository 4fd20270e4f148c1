//! `kitsu login`, `kitsu status`, `kitsu logout`.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;
use kitsu::transport::BearerToken;
use kitsu::{Credentials, Kitsu, SecondFactor, Session, SessionError, SessionKind};
use serde_json::json;

use crate::config::{self, Config, Profile};
use crate::connect::{Connection, Target, normalise_host, transport};
use crate::error::{CliError, Code, Result};
use crate::output::{Format, View};
use crate::resolve;

/// `kitsu login`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu login --host https://kitsu.mystudio.com/api --email me@mystudio.com
  kitsu --profile staging login --host https://staging.mystudio.com/api
  pass show kitsu | kitsu login --host … --email … --password-stdin

The password is asked without echo (or read from KITSU_PASSWORD, or --password-stdin), sent
once and never saved: the profile keeps the tokens only, in a file only you can read.")]
pub struct LoginArgs {
    /// Your email (or KITSU_EMAIL; asked if missing).
    #[arg(long)]
    email: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
    /// A two-factor code (from your authenticator app, or the one sent by email), if your
    /// account has two-factor authentication; asked when the server wants one.
    #[arg(long)]
    otp: Option<String>,
}

fn prompt_line(label: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::usage(format!(
            "{label} is needed and standard input is not a terminal"
        ))
        .hint("give it as an option or in the environment (see `kitsu login --help`)"));
    }
    eprint!("{label}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| CliError::new(Code::Failure, format!("cannot read {label}: {error}")))?;
    Ok(line.trim().to_owned())
}

fn prompt_secret(label: &str) -> Result<String> {
    rpassword::prompt_password(format!("{label}: ")).map_err(|error| {
        CliError::usage(format!(
            "cannot ask for the {label} without a terminal: {error}"
        ))
        .hint("set KITSU_PASSWORD, or pipe it with --password-stdin")
    })
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The second factor to give when the server asks for one: the account's preferred method if
/// kitsu can give it, else another of its methods (a security key needs a browser: its recovery
/// codes then).
fn usable_second_factor(method: Option<SecondFactor>, enabled: &[SecondFactor]) -> SecondFactor {
    let typed = |m: &SecondFactor| matches!(m, SecondFactor::Totp | SecondFactor::EmailOtp);
    method
        .filter(typed)
        .or_else(|| enabled.iter().copied().find(typed))
        .unwrap_or(SecondFactor::RecoveryCode)
}

/// `credentials` with `code` given as `method`.
fn with_code(credentials: Credentials, method: SecondFactor, code: String) -> Credentials {
    match method {
        SecondFactor::EmailOtp => credentials.email_otp(code),
        SecondFactor::RecoveryCode => credentials.recovery_code(code),
        _ => credentials.totp(code),
    }
}

/// Logs in and saves the profile.
pub async fn login(target: &Target, args: LoginArgs) -> Result<()> {
    let mut config = Config::load()?;
    let saved = config.profiles.get(&target.profile).cloned();
    let host = match target
        .host
        .clone()
        .or_else(|| saved.as_ref().map(|p| p.host.clone()))
    {
        Some(host) => host,
        None => prompt_line("Kitsu API URL (https://kitsu.mystudio.com/api)")?,
    };
    let host = normalise_host(&host);
    let email = match args
        .email
        .or_else(|| env("KITSU_EMAIL"))
        .or_else(|| saved.as_ref().and_then(|p| p.email.clone()))
    {
        Some(email) => email,
        None => prompt_line("Email")?,
    };
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|error| {
                CliError::new(Code::Failure, format!("cannot read the password: {error}"))
            })?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else if let Some(password) = env("KITSU_PASSWORD") {
        password
    } else {
        prompt_secret("Password")?
    };
    let mut credentials = Credentials::new(email.clone(), password.clone());
    if let Some(code) = &args.otp {
        credentials = credentials.totp(code.clone());
    }
    let session = match Session::log_in(transport(&host)?, credentials).await {
        Ok(session) => session,
        Err(SessionError::SecondFactorRequired {
            method, enabled, ..
        }) => {
            let method = usable_second_factor(method, &enabled);
            let code = match &args.otp {
                // It went as an authenticator code; the account uses another method.
                Some(code) if method != SecondFactor::Totp => code.clone(),
                _ => {
                    if matches!(method, SecondFactor::EmailOtp | SecondFactor::RecoveryCode) {
                        eprintln!("The server asks for {method}.");
                    }
                    prompt_line("Two-factor code")?
                }
            };
            let credentials = with_code(Credentials::new(email.clone(), password), method, code);
            Session::log_in(transport(&host)?, credentials).await?
        }
        Err(error) => return Err(error.into()),
    };
    let tokens = session.tokens();
    let name = session
        .user()
        .and_then(|u| u.full_name.clone())
        .unwrap_or_else(|| email.clone());
    config.profiles.insert(
        target.profile.clone(),
        Profile {
            host: host.clone(),
            email: Some(email.clone()),
            access_token: tokens.access.map(|t| t.expose().to_owned()),
            refresh_token: tokens.refresh.map(|t| t.expose().to_owned()),
        },
    );
    config.save()?;
    // The tokens are kept in the profile: the session must stay valid on the server.
    drop(session);
    eprintln!(
        "Logged in to {host} as {name} <{email}>; profile `{}` saved in {}",
        target.profile,
        config::path()?.display()
    );
    Ok(())
}

/// Logs out: revokes the tokens on the server, forgets them (the host and email are kept for
/// the next login).
pub async fn logout(target: &Target) -> Result<()> {
    if env("KITSU_TOKEN").is_some() {
        return Err(CliError::usage(
            "KITSU_TOKEN is a bot token: bot tokens cannot log out",
        )
        .hint("revoke the bot in Kitsu's settings, or unset KITSU_TOKEN to log out of the profile"));
    }
    let mut config = Config::load()?;
    let Some(mut profile) = config.profiles.get(&target.profile).cloned() else {
        return Err(CliError::new(
            Code::Auth,
            format!("profile `{}` is not logged in", target.profile),
        ));
    };
    let Some(access) = profile.access_token.take() else {
        eprintln!("Profile `{}` was already logged out", target.profile);
        return Ok(());
    };
    let refresh = profile.refresh_token.take();
    let session = Session::from_tokens(
        transport(&profile.host)?,
        BearerToken::new(access),
        refresh.map(BearerToken::new),
    )?;
    let revoked = session.close().await;
    config
        .profiles
        .insert(target.profile.clone(), profile.clone());
    config.save()?;
    match revoked {
        Ok(()) | Err(SessionError::NotLoggedIn) => {
            eprintln!("Logged out of {} (profile `{}`)", profile.host, target.profile);
            Ok(())
        }
        Err(error) => Err(CliError::from(error).hint(
            "the tokens are forgotten here, but the server could not be told: they stay valid until they expire",
        )),
    }
}

/// Shows where and who.
pub async fn status(connection: &Connection, target: &Target, view: &View) -> Result<()> {
    let kitsu: &Kitsu = &connection.kitsu;
    let version = kitsu::api_version(kitsu.session().transport()).await?;
    let user = resolve::me(kitsu).await?;
    let auth = match kitsu.session().kind() {
        SessionKind::Bot => "bot token (KITSU_TOKEN)".to_owned(),
        SessionKind::Password => "password (KITSU_EMAIL, KITSU_PASSWORD)".to_owned(),
        SessionKind::Tokens => format!("profile `{}`", target.profile),
    };
    let row = json!({
        "host": connection.host,
        "api_version": version,
        "user": resolve::full_name(&user),
        "email": user.get("email"),
        "role": user.get("role"),
        "auth": auth,
    });
    match view.format() {
        Format::Json if view.fields.is_none() => crate::output::print_json(&json!({
            "host": connection.host, "api_version": version, "auth": auth, "user": user,
        })),
        _ => view.one(
            &row,
            &["host", "api_version", "user", "email", "role", "auth"],
        ),
    }
}
