//! What the command line's tests share: a mock Kitsu on its own runtime, a private config
//! directory, and a way to run `kitsu` against them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu, Seeder};

/// The ids the seed made.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub project: String,
    pub sequence: String,
    pub shot: String,
    pub shot2: String,
    pub asset: String,
    pub animation: String,
    pub task: String,
    pub task2: String,
    pub asset_task: String,
    pub character: String,
    pub preview: String,
    pub artist: String,
}

/// A mock Kitsu with a small production, and a config directory of its own.
pub struct Env {
    pub mock: MockKitsu,
    pub world: World,
    pub config: PathBuf,
    pub runtime: tokio::runtime::Runtime,
}

/// A fresh empty directory under the system's temporary one.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kitsu-cli-{name}-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed(seed: &mut Seeder<'_>) -> World {
    let project = seed.project("Agent 327");
    let sequence = seed.sequence(&project, "SQ01");
    let shot = seed.shot(&project, &sequence, "SH010");
    let shot2 = seed.shot(&project, &sequence, "SH020");
    let character = seed.asset_type("Character");
    let asset = seed.asset(&project, "Character", "Hero");
    let animation = seed.task_type("Animation");
    let modeling = seed.task_type("Modeling");
    let task = seed.task(&shot, &animation);
    let task2 = seed.task(&shot2, &animation);
    let asset_task = seed.task(&asset, &modeling);
    let preview = seed.preview(&task, "png", vec![7u8; 3000]);
    let artist = seed.person(
        "Alice",
        "Artist",
        "alice@example.com",
        "alicepassword",
        "user",
    );
    World {
        project,
        sequence,
        shot,
        shot2,
        asset,
        animation,
        task,
        task2,
        asset_task,
        character,
        preview,
        artist,
    }
}

impl Env {
    /// A mock with the seed, not logged in.
    pub fn new() -> Env {
        Env::build(None)
    }

    /// A mock whose access tokens live this long, logged in.
    pub fn short_tokens(lifetime: std::time::Duration) -> Env {
        Env::build(Some(lifetime)).log_in()
    }

    fn build(lifetime: Option<std::time::Duration>) -> Env {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mock = runtime
            .block_on({
                let mut builder = MockKitsu::builder().seed(move |s| {
                    let world = seed(s);
                    tx.send(world).unwrap();
                });
                if let Some(lifetime) = lifetime {
                    builder = builder.access_token_lifetime(lifetime);
                }
                builder.start()
            })
            .unwrap();
        let world = rx.recv().unwrap();
        // Another project, closed, for `ls projects --all`.
        mock.seed(|s| {
            let closed = s.project("Old Film");
            s.close_project(&closed);
        });
        Env {
            mock,
            world,
            config: temp_dir("config"),
            runtime,
        }
    }

    /// A mock with the seed, logged in as the admin through `kitsu login`.
    pub fn logged_in() -> Env {
        Env::new().log_in()
    }

    fn log_in(self) -> Env {
        let env = self;
        let out = env.run_stdin(
            &["login", "--email", ADMIN_EMAIL, "--password-stdin"],
            &format!("{ADMIN_PASSWORD}\n"),
        );
        assert_eq!(out.code, 0, "login: {}", out.stderr);
        env
    }

    /// `kitsu` with these arguments, pointed at the mock and the private config.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kitsu"));
        command
            .args(args)
            .env("KITSU_CONFIG_DIR", &self.config)
            .env("KITSU_HOST", self.mock.base_url())
            .env_remove("KITSU_TOKEN")
            .env_remove("KITSU_EMAIL")
            .env_remove("KITSU_PASSWORD")
            .env_remove("KITSU_PROJECT")
            .env_remove("KITSU_PROFILE")
            .env_remove("KITSU_EVENTS_URL")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        command
    }

    /// Runs `kitsu` and waits.
    pub fn run(&self, args: &[&str]) -> Out {
        Out::from(self.command(args).output().unwrap())
    }

    /// Runs `kitsu` with this on stdin.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        Out::from(child.wait_with_output().unwrap())
    }

    /// The saved profiles file.
    pub fn profiles(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(self.config.join("profiles.json")).unwrap()).unwrap()
    }

    /// Replaces the seed's ids with their names, for golden comparisons.
    pub fn redact(&self, text: &str) -> String {
        let w = &self.world;
        let mut text = text.to_owned();
        for (id, name) in [
            (&w.project, "<project>"),
            (&w.sequence, "<sequence>"),
            (&w.shot, "<shot>"),
            (&w.shot2, "<shot2>"),
            (&w.asset, "<asset>"),
            (&w.task, "<task>"),
            (&w.task2, "<task2>"),
            (&w.asset_task, "<asset_task>"),
            (&w.preview, "<preview>"),
            (&w.artist, "<artist>"),
            (&w.animation, "<animation>"),
            (&w.character, "<character>"),
        ] {
            text = text.replace(id.as_str(), name);
        }
        text
    }

    pub fn row(&self, model: &str, id: &str) -> serde_json::Value {
        self.mock.row(model, id).unwrap()
    }
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Out {
    fn from(output: Output) -> Out {
        Out {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Out {
    /// Asserts success and gives stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "stderr: {}\nstdout: {}",
            self.stderr, self.stdout
        );
        &self.stdout
    }

    /// Asserts this exit code and that stderr says `needle`.
    #[track_caller]
    pub fn fails(&self, code: i32, needle: &str) {
        assert_eq!(
            self.code, code,
            "stderr: {}\nstdout: {}",
            self.stderr, self.stdout
        );
        assert!(
            self.stderr.contains(needle),
            "stderr should say {needle:?}: {}",
            self.stderr
        );
    }
}

/// Whether a path is only readable by its owner.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
