//! Profiles: the host, email and tokens of each login, saved in the user's config directory
//! (`$KITSU_CONFIG_DIR`, or `kitsu/` in the platform's config directory), mode 0600.
//! Passwords are never saved.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{CliError, Code, Result, io};

/// One saved login.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    /// The API's base URL.
    pub host: String,
    /// Who logged in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// Every saved profile.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Config {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// The directory of the configuration.
pub fn dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("KITSU_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|dir| dir.join("kitsu"))
        .ok_or_else(|| {
            CliError::new(Code::Failure, "cannot find the user's config directory")
                .hint("set KITSU_CONFIG_DIR to a directory for kitsu's profiles")
        })
}

/// The file holding the profiles.
pub fn path() -> Result<PathBuf> {
    Ok(dir()?.join("profiles.json"))
}

impl Config {
    /// Reads the profiles (none if the file does not exist yet).
    pub fn load() -> Result<Config> {
        let path = path()?;
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| {
                CliError::new(
                    Code::Failure,
                    format!("{} is not a valid profiles file: {error}", path.display()),
                )
                .hint("fix it, or delete it and run `kitsu login` again")
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(io("read", &path, error)),
        }
    }

    /// Writes the profiles: a temporary file created 0600, renamed over the old one, in a
    /// directory made 0700.
    pub fn save(&self) -> Result<()> {
        let path = path()?;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|error| io("create", dir, error))?;
        restrict(dir, 0o700)?;
        let text = serde_json::to_vec_pretty(self)
            .map_err(|error| CliError::new(Code::Failure, error.to_string()))?;
        let temporary = dir.join(format!(".profiles.json.{}", std::process::id()));
        write_private(&temporary, &text)?;
        std::fs::rename(&temporary, &path).map_err(|error| io("write", &path, error))?;
        Ok(())
    }
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|error| io("protect", path, error))
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|error| io("create", path, error))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|error| io("write", path, error))?;
    restrict(path, 0o600)
}
