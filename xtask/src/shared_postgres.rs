//! The machine's PostgreSQL cluster is shared: by every checkout's Zou, and by whatever else
//! runs here. `zou down` stops it only when kitsu-rs started it and nothing uses it any more.
//!
//! A registry in `~/.cache/kitsu-rs/postgres` (beside the venv, machine-wide) says who uses it:
//! `started` holds the cluster's version when a checkout of kitsu-rs started it, and `users/`
//! holds one file per checkout whose Zou runs on it (its Zou home). `down` unregisters its
//! checkout, then stops the cluster only if kitsu-rs started it, no other registered checkout's
//! gunicorn still runs, and PostgreSQL reports no other client connection.

use std::path::{Path, PathBuf};

/// What `down` does with the cluster, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Stop it: kitsu-rs started it and nothing uses it any more.
    Stop,
    /// Leave it running.
    Keep(String),
}

/// Whether to stop the cluster: only when kitsu-rs `started` it, no other checkout's Zou
/// (`other_users`, their Zou homes) runs on it, and PostgreSQL reports no other client
/// connection (`None`: it could not be asked, so it may be in use).
pub fn verdict(started: bool, other_users: &[PathBuf], other_connections: Option<u32>) -> Verdict {
    if !started {
        return Verdict::Keep("kitsu-rs did not start it".into());
    }
    if !other_users.is_empty() {
        let homes: Vec<String> = other_users
            .iter()
            .map(|h| h.display().to_string())
            .collect();
        return Verdict::Keep(format!(
            "another checkout's Zou uses it ({})",
            homes.join(", ")
        ));
    }
    match other_connections {
        None => Verdict::Keep("its connections could not be counted".into()),
        Some(0) => Verdict::Stop,
        Some(n) => Verdict::Keep(format!("{n} other client connection(s) are open")),
    }
}

/// The registry of the checkouts that use the cluster.
#[derive(Clone, Debug)]
pub struct Registry {
    dir: PathBuf,
}

impl Registry {
    /// The registry in `dir` (`~/.cache/kitsu-rs/postgres`).
    pub fn new(dir: impl Into<PathBuf>) -> Registry {
        Registry { dir: dir.into() }
    }

    fn users(&self) -> PathBuf {
        self.dir.join("users")
    }

    fn started_marker(&self) -> PathBuf {
        self.dir.join("started")
    }

    /// The file that registers the checkout whose Zou lives in `home`.
    fn entry(&self, home: &Path) -> PathBuf {
        let name: String = home
            .display()
            .to_string()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.users().join(name)
    }

    /// Records that kitsu-rs started the cluster (`version`, e.g. `15`).
    pub fn mark_started(&self, version: &str) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        std::fs::write(self.started_marker(), version).map_err(|e| e.to_string())
    }

    /// The version of the cluster kitsu-rs started, if it did.
    pub fn started(&self) -> Option<String> {
        std::fs::read_to_string(self.started_marker())
            .ok()
            .map(|v| v.trim().to_owned())
    }

    /// Forgets that kitsu-rs started the cluster (it was stopped).
    pub fn clear_started(&self) {
        let _ = std::fs::remove_file(self.started_marker());
    }

    /// Registers the checkout whose Zou lives in `home`.
    pub fn register(&self, home: &Path) -> Result<(), String> {
        std::fs::create_dir_all(self.users()).map_err(|e| e.to_string())?;
        std::fs::write(self.entry(home), home.display().to_string()).map_err(|e| e.to_string())
    }

    /// Unregisters the checkout whose Zou lives in `home`.
    pub fn unregister(&self, home: &Path) {
        let _ = std::fs::remove_file(self.entry(home));
    }

    /// The Zou homes of the other checkouts registered whose Zou still runs (`alive` says,
    /// from a home); entries whose Zou is gone are removed.
    pub fn other_users(&self, home: &Path, alive: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let mine = self.entry(home);
        let Ok(entries) = std::fs::read_dir(self.users()) else {
            return Vec::new();
        };
        let mut others = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path == mine {
                continue;
            }
            let Ok(other) = std::fs::read_to_string(&path) else {
                continue;
            };
            let other = PathBuf::from(other.trim());
            if alive(&other) {
                others.push(other);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
        others.sort();
        others
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_cluster_is_stopped_only_when_kitsu_rs_started_it_and_nothing_uses_it() {
        let other = [PathBuf::from("/work/other/target/zou")];
        assert_eq!(verdict(true, &[], Some(0)), Verdict::Stop);
        // Not ours to stop.
        assert!(
            matches!(verdict(false, &[], Some(0)), Verdict::Keep(why) if why.contains("did not start"))
        );
        // Another checkout's Zou runs on it, even with no connection open right now.
        assert!(
            matches!(verdict(true, &other, Some(0)), Verdict::Keep(why) if why.contains("/work/other/target/zou"))
        );
        // Something else is connected (another Zou, a psql session).
        assert!(
            matches!(verdict(true, &[], Some(3)), Verdict::Keep(why) if why.contains("3 other"))
        );
        // Unknown: keep it.
        assert!(matches!(verdict(true, &[], None), Verdict::Keep(_)));
    }

    #[test]
    fn the_registry_knows_the_other_checkouts_whose_zou_runs() {
        let dir = std::env::temp_dir().join(format!("kitsu-rs-pg-registry-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let registry = Registry::new(&dir);
        let (mine, running, gone) = (
            PathBuf::from("/work/a/target/zou"),
            PathBuf::from("/work/b/target/zou"),
            PathBuf::from("/work/c/target/zou"),
        );
        for home in [&mine, &running, &gone] {
            registry.register(home).unwrap();
        }
        assert_eq!(registry.started(), None);
        registry.mark_started("15").unwrap();
        assert_eq!(registry.started().as_deref(), Some("15"));
        let alive = |home: &Path| home == Path::new("/work/b/target/zou");
        assert_eq!(
            registry.other_users(&mine, alive),
            std::slice::from_ref(&running)
        );
        // The checkout whose Zou is gone was forgotten; mine is still registered.
        assert_eq!(
            registry.other_users(&running, |_| true),
            std::slice::from_ref(&mine)
        );
        registry.unregister(&mine);
        assert!(registry.other_users(&running, |_| true).is_empty());
        // The last user down: stop, if kitsu-rs started it.
        assert_eq!(
            verdict(
                registry.started().is_some(),
                &registry.other_users(&running, alive),
                Some(0)
            ),
            Verdict::Stop
        );
        registry.clear_started();
        assert_eq!(registry.started(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
