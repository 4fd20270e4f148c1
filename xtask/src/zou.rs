//! `cargo xtask zou up | down | reset | env`: a real Zou on loopback, from nothing.
//!
//! Installs what is missing (Debian's PostgreSQL, Redis and ffmpeg; a Python venv with zou
//! pinned), creates the database, initialises Zou (`init-db`, `init-data`, `create-admin`,
//! never `upgrade-db`, which sends telemetry), and starts two gunicorn instances on
//! 127.0.0.1: one with Zou's token lifetimes, one whose access tokens live a few seconds (a WSGI
//! wrapper sets `JWT_ACCESS_TOKEN_EXPIRES` before the app is created) for refresh tests. Every
//! process it starts is recorded by PID, and `down` stops only those, checking each PID's
//! command line first. The PostgreSQL cluster is the machine's, shared with other checkouts:
//! `down` stops it only if kitsu-rs started it and nothing else uses it (see `shared_postgres`).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::sh::{Fallible, cmdline, exists, output, run};
use crate::shared_postgres::{Registry, Verdict, verdict};

/// The Zou this task installs.
pub const ZOU_VERSION: &str = "1.0.97";

/// Where everything lives and listens.
#[derive(Clone, Debug)]
pub struct Zou {
    /// Runtime state: PID files, logs, previews, fixtures (`target/zou`).
    pub home: PathBuf,
    /// The venv, kept across clones on one machine (`~/.cache/kitsu-rs/zou-<version>`).
    pub venv: PathBuf,
    /// Who uses the machine's PostgreSQL cluster (`~/.cache/kitsu-rs/postgres`).
    pub postgres_users: PathBuf,
    /// The port of the normal instance.
    pub port: u16,
    /// The port of the short-token instance.
    pub short_port: u16,
    /// The port of Zou's event server (Socket.IO, `zou.event_stream`), shared by both instances.
    pub events_port: u16,
    /// The access token lifetime of the short-token instance, in seconds.
    pub short_ttl: u64,
    /// Redis's port (a Redis of our own).
    pub redis_port: u16,
    /// The admin.
    pub email: String,
    /// The admin's password.
    pub password: String,
}

const DB_NAME: &str = "kitsu_rs_zou";
const DB_USER: &str = "kitsu_rs_zou";
const DB_PASSWORD: &str = "kitsu-rs-zou-password";

/// The WSGI entry point: optional short token lifetimes, then Zou's app.
const WSGI: &str = r#"# Written by `cargo xtask zou up`: Zou's app with token lifetimes from the environment.
import datetime
import os

from zou.app import config

for variable, setting in (
    ("KITSU_RS_JWT_ACCESS_SECONDS", "JWT_ACCESS_TOKEN_EXPIRES"),
    ("KITSU_RS_JWT_REFRESH_SECONDS", "JWT_REFRESH_TOKEN_EXPIRES"),
):
    if os.environ.get(variable):
        setattr(config, setting, datetime.timedelta(seconds=int(os.environ[variable])))

from zou.app import create_app

app = create_app()
"#;

/// Zou's CLI steps in one Python process (each `zou` call costs seconds of imports).
const INIT: &str = r#"# Written by `cargo xtask zou up`: init-db, init-data, create-admin, change-password.
import sys

from zou.cli import cli

email, password = sys.argv[1], sys.argv[2]
for args in (
    ["init-db"],
    ["init-data"],
    ["create-admin", email, "--password", password],
    ["change-password", email, "--password", password],
):
    try:
        cli.main(args=args, standalone_mode=False)
    except SystemExit as exit:
        if exit.code not in (0, None):
            raise
"#;

impl Zou {
    /// The defaults, overridable with `KITSU_ZOU_*` variables.
    pub fn from_env(workspace: &Path) -> Zou {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
        let number = |name: &str, default: u16| var(name, "").parse().unwrap_or(default);
        let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
        Zou {
            home: workspace.join("target").join("zou"),
            venv: std::env::var_os("KITSU_ZOU_VENV")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    home.join(".cache")
                        .join("kitsu-rs")
                        .join(format!("zou-{ZOU_VERSION}"))
                }),
            postgres_users: home.join(".cache").join("kitsu-rs").join("postgres"),
            port: number("KITSU_ZOU_PORT", 5000),
            short_port: number("KITSU_ZOU_SHORT_PORT", 5001),
            events_port: number("KITSU_ZOU_EVENTS_PORT", 5002),
            short_ttl: var("KITSU_ZOU_SHORT_TTL", "5").parse().unwrap_or(5),
            redis_port: number("KITSU_ZOU_REDIS_PORT", 6399),
            email: "admin@example.com".into(),
            password: "mysecretpassword".into(),
        }
    }

    fn run_dir(&self) -> PathBuf {
        self.home.join("run")
    }

    /// The base URL of the normal instance.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The base URL of the short-token instance.
    pub fn short_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.short_port)
    }

    /// The origin of the event server (the client adds `/socket.io/`).
    pub fn events_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.events_port)
    }

    /// The PID file of the event server (the live suite kills it to test reconnects).
    pub fn events_pid_file(&self) -> PathBuf {
        self.run_dir()
            .join(format!("events-{}.pid", self.events_port))
    }

    /// A shell script that starts the event server (the live suite restarts it with it).
    pub fn events_start_script(&self) -> PathBuf {
        self.home.join("start-events.sh")
    }

    /// The fixture movie (made with ffmpeg: H.264 with an AAC track, which Zou processes).
    pub fn movie(&self) -> PathBuf {
        self.home.join("fixtures").join("take.mp4")
    }

    /// What the tests and examples read: `export KITSU_…=…` lines.
    pub fn env_lines(&self) -> String {
        format!(
            "export KITSU_HOST={}\nexport KITSU_EMAIL={}\nexport KITSU_PASSWORD={}\nexport KITSU_SHORT_TTL_HOST={}\nexport KITSU_SHORT_TTL_SECONDS={}\nexport KITSU_MOVIE={}\nexport KITSU_EVENTS_URL={}\n",
            self.url(),
            self.email,
            self.password,
            self.short_url(),
            self.short_ttl,
            self.movie().display(),
            self.events_url()
        )
    }

    fn zou_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DB_HOST", "127.0.0.1".into()),
            ("DB_PORT", postgres_port().to_string()),
            ("DB_USERNAME", DB_USER.into()),
            ("DB_PASSWORD", DB_PASSWORD.into()),
            ("DB_DATABASE", DB_NAME.into()),
            ("KV_HOST", "127.0.0.1".into()),
            ("KV_PORT", self.redis_port.to_string()),
            (
                "SECRET_KEY",
                "kitsu-rs-live-suite-secret-not-the-default".into(),
            ),
            (
                "PREVIEW_FOLDER",
                self.home.join("previews").display().to_string(),
            ),
            ("TMP_DIR", self.home.join("tmp").display().to_string()),
            ("MAIL_ENABLED", "false".into()),
            ("MAIL_CHECK_DELIVERABILITY", "false".into()),
            ("TELEMETRY_URL", "http://127.0.0.1:9/".into()),
            ("EVENT_STREAM_HOST", "127.0.0.1".into()),
            ("EVENT_STREAM_PORT", self.events_port.to_string()),
            (
                "EVENT_HANDLERS_FOLDER",
                self.home.join("no-event-handlers").display().to_string(),
            ),
            (
                "PLUGIN_FOLDER",
                self.home.join("no-plugins").display().to_string(),
            ),
        ]
    }

    /// Brings everything up; what is already up is left as it is.
    pub async fn up(&self) -> Fallible {
        ensure_root()?;
        for dir in ["run", "log", "previews", "tmp", "fixtures"] {
            std::fs::create_dir_all(self.home.join(dir))
                .map_err(|e| format!("cannot create {}: {e}", self.home.join(dir).display()))?;
        }
        self.install_packages()?;
        self.start_postgres()?;
        self.ensure_database()?;
        self.registry().register(&self.home)?;
        self.start_redis()?;
        self.ensure_venv()?;
        self.make_movie()?;
        std::fs::write(self.home.join("kitsu_rs_wsgi.py"), WSGI).map_err(|e| e.to_string())?;
        std::fs::write(self.home.join("kitsu_rs_init.py"), INIT).map_err(|e| e.to_string())?;
        let started = Instant::now();
        self.init_zou()?;
        println!(
            "zou: database initialised in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        self.start_gunicorn(self.port, None)?;
        self.start_gunicorn(self.short_port, Some(self.short_ttl))?;
        self.wait_ready(&self.url()).await?;
        self.wait_ready(&self.short_url()).await?;
        self.ensure_events().await?;
        println!(
            "zou {ZOU_VERSION} is up at {} (tokens live {} s at {}), events at {}",
            self.url(),
            self.short_ttl,
            self.short_url(),
            self.events_url()
        );
        println!("admin: {} / {}", self.email, self.password);
        Ok(())
    }

    /// Whether our normal instance answers.
    pub async fn is_up(&self) -> bool {
        match kitsu::Transport::builder(self.url()).no_retry().build() {
            Ok(transport) => kitsu::host_is_valid(&transport).await,
            Err(_) => false,
        }
    }

    fn install_packages(&self) -> Fallible {
        let mut missing = Vec::new();
        if !exists("redis-server") {
            missing.push("redis-server");
        }
        if !exists("pg_ctlcluster") {
            missing.push("postgresql");
        }
        if !exists("ffmpeg") {
            missing.push("ffmpeg");
        }
        if !exists("python3") {
            missing.extend(["python3", "python3-venv"]);
        }
        if missing.is_empty() {
            return Ok(());
        }
        println!("zou: installing {}", missing.join(", "));
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing))
    }

    fn start_postgres(&self) -> Fallible {
        let clusters = output(Command::new("pg_lsclusters").arg("--no-header"))?;
        let Some(line) = clusters
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some("main"))
        else {
            return Err(format!(
                "no PostgreSQL cluster named main (pg_lsclusters: {clusters:?})"
            ));
        };
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.get(3) == Some(&"online") {
            return Ok(());
        }
        println!("zou: starting PostgreSQL {}", fields[0]);
        run(Command::new("pg_ctlcluster").args([
            "--skip-systemctl-redirect",
            fields[0],
            "main",
            "start",
        ]))?;
        self.registry().mark_started(fields[0])
    }

    fn registry(&self) -> Registry {
        Registry::new(&self.postgres_users)
    }

    /// How many client connections other than this query PostgreSQL has, waiting a little for
    /// the ones of the gunicorns just stopped to close; `None` if it cannot be asked.
    fn other_connections(&self) -> Option<u32> {
        let sql = "select count(*) from pg_stat_activity \
                   where backend_type = 'client backend' and pid <> pg_backend_pid()";
        let mut count = None;
        for _ in 0..10 {
            count = self.psql("postgres", sql).ok()?.trim().parse().ok();
            if count != Some(0) {
                std::thread::sleep(Duration::from_millis(300));
            } else {
                break;
            }
        }
        count
    }

    fn psql(&self, database: &str, sql: &str) -> Fallible<String> {
        output(
            Command::new("runuser")
                .args(["-u", "postgres", "--", "psql", "-d", database, "-tAc", sql]),
        )
    }

    fn ensure_database(&self) -> Fallible {
        if self
            .psql(
                "postgres",
                &format!("select 1 from pg_roles where rolname = '{DB_USER}'"),
            )?
            .trim()
            != "1"
        {
            self.psql(
                "postgres",
                &format!("create role {DB_USER} login password '{DB_PASSWORD}'"),
            )?;
        }
        if self
            .psql(
                "postgres",
                &format!("select 1 from pg_database where datname = '{DB_NAME}'"),
            )?
            .trim()
            != "1"
        {
            self.psql(
                "postgres",
                &format!("create database {DB_NAME} owner {DB_USER}"),
            )?;
        }
        Ok(())
    }

    fn start_redis(&self) -> Fallible {
        let ping =
            output(Command::new("redis-cli").args(["-p", &self.redis_port.to_string(), "ping"]));
        if ping.as_deref().map(str::trim) == Ok("PONG") {
            return Ok(());
        }
        port_free(self.redis_port, "Redis (KITSU_ZOU_REDIS_PORT)")?;
        run(Command::new("redis-server").args([
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            &self.redis_port.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--pidfile",
            &self.run_dir().join("redis.pid").display().to_string(),
            "--dir",
            &self.run_dir().display().to_string(),
        ]))
    }

    fn python(&self) -> PathBuf {
        self.venv.join("bin").join("python")
    }

    fn ensure_venv(&self) -> Fallible {
        let installed =
            output(Command::new(self.python()).args(["-c", "import zou; print(zou.__version__)"]));
        if installed.as_deref().map(str::trim) == Ok(ZOU_VERSION) {
            return Ok(());
        }
        println!(
            "zou: installing zou=={ZOU_VERSION} into {}",
            self.venv.display()
        );
        let started = Instant::now();
        if !self.python().exists() {
            run(Command::new("python3")
                .arg("-m")
                .arg("venv")
                .arg(&self.venv))?;
        }
        run(Command::new(self.venv.join("bin").join("pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("zou=={ZOU_VERSION}"),
        ]))?;
        println!("zou: installed in {:.0} s", started.elapsed().as_secs_f64());
        Ok(())
    }

    /// The fixtures the live suite reads (the movie), made if missing: also when the Zou in
    /// use was started by another checkout.
    pub fn ensure_fixtures(&self) -> Fallible {
        let fixtures = self.home.join("fixtures");
        std::fs::create_dir_all(&fixtures)
            .map_err(|e| format!("cannot create {}: {e}", fixtures.display()))?;
        self.make_movie()
    }

    fn make_movie(&self) -> Fallible {
        if self.movie().exists() {
            return Ok(());
        }
        // An audio track matters: Zou's processing drops the video of a silent H.264 clip
        // with B-frames (shared/notes/zou.md §8).
        run(Command::new("ffmpeg")
            .args([
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=1:size=320x180:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=1",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
            ])
            .arg(self.movie()))
    }

    fn init_zou(&self) -> Fallible {
        let mut command = Command::new(self.python());
        command
            .arg(self.home.join("kitsu_rs_init.py"))
            .args([&self.email, &self.password])
            .current_dir(self.run_dir())
            .envs(self.zou_env());
        output(&mut command)?;
        // A failed-login test must not lock the admin out of the next run.
        self.psql(DB_NAME, "update person set login_failed_attemps = 0")?;
        Ok(())
    }

    fn pid_file(&self, port: u16) -> PathBuf {
        self.run_dir().join(format!("gunicorn-{port}.pid"))
    }

    fn start_gunicorn(&self, port: u16, ttl: Option<u64>) -> Fallible {
        if running(&self.pid_file(port), "gunicorn").is_some() {
            return Ok(());
        }
        port_free(port, "Zou (KITSU_ZOU_PORT / KITSU_ZOU_SHORT_PORT)")?;
        let mut command = Command::new(self.venv.join("bin").join("gunicorn"));
        command
            .args([
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--workers",
                "2",
                "--no-control-socket",
                "--daemon",
            ])
            .arg("--pid")
            .arg(self.pid_file(port))
            .arg("--error-logfile")
            .arg(self.home.join("log").join(format!("gunicorn-{port}.log")))
            .arg("--chdir")
            .arg(self.run_dir())
            .arg("--pythonpath")
            .arg(&self.home)
            .arg("kitsu_rs_wsgi:app")
            .envs(self.zou_env());
        if let Some(ttl) = ttl {
            command.env("KITSU_RS_JWT_ACCESS_SECONDS", ttl.to_string());
        }
        run(&mut command)
    }

    /// Starts Zou's event server: one gevent-websocket worker (the only worker that upgrades to
    /// a WebSocket; Zou says to run one process), by way of a script the live suite reruns to
    /// restart it after killing it.
    /// Starts the event server unless it runs; says whether it started it.
    pub async fn ensure_events(&self) -> Fallible<bool> {
        if running(&self.events_pid_file(), "gunicorn").is_some() {
            return Ok(false);
        }
        // The Zou in use was started by another checkout, with its event server.
        if TcpStream::connect(("127.0.0.1", self.events_port)).is_ok() {
            return Ok(false);
        }
        self.start_events()?;
        self.wait_events_ready().await?;
        Ok(true)
    }

    /// Stops the event server (by its PID file, checked against its command line).
    pub fn stop_events(&self) -> Fallible {
        stop(&self.events_pid_file(), "gunicorn")
    }

    fn start_events(&self) -> Fallible {
        port_free(
            self.events_port,
            "Zou's event server (KITSU_ZOU_EVENTS_PORT)",
        )?;
        let quote = |text: &str| format!("'{}'", text.replace('\'', r"'\''"));
        let mut script = String::from(
            "#!/bin/sh\n# Written by `cargo xtask zou up`: starts Zou's event server.\n",
        );
        for (name, value) in self.zou_env() {
            script.push_str(&format!("export {name}={}\n", quote(&value)));
        }
        script.push_str(&format!(
            "cd {} && exec {} --worker-class geventwebsocket.gunicorn.workers.GeventWebSocketWorker --workers 1 --bind 127.0.0.1:{} --no-control-socket --daemon --pid {} --error-logfile {} zou.event_stream:app\n",
            quote(&self.run_dir().display().to_string()),
            quote(&self.venv.join("bin").join("gunicorn").display().to_string()),
            self.events_port,
            quote(&self.events_pid_file().display().to_string()),
            quote(&self.home.join("log").join(format!("events-{}.log", self.events_port)).display().to_string()),
        ));
        std::fs::write(self.events_start_script(), script).map_err(|e| e.to_string())?;
        run(Command::new("sh").arg(self.events_start_script()))
    }

    /// Waits until the event server answers its index page.
    async fn wait_events_ready(&self) -> Fallible {
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", self.events_port)).is_err()
            || running(&self.events_pid_file(), "gunicorn").is_none()
        {
            if Instant::now() > deadline {
                return Err(format!(
                    "Zou's event server did not listen on 127.0.0.1:{} within 60 s (see {})",
                    self.events_port,
                    self.home
                        .join("log")
                        .join(format!("events-{}.log", self.events_port))
                        .display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(())
    }

    async fn wait_ready(&self, url: &str) -> Fallible {
        let deadline = Instant::now() + Duration::from_secs(90);
        let transport = kitsu::Transport::builder(url)
            .no_retry()
            .build()
            .map_err(|e| e.to_string())?;
        loop {
            if kitsu::host_is_valid(&transport).await {
                match kitsu::create_session(url, &self.email, &self.password).await {
                    Ok(session) => {
                        session.close().await.map_err(|e| e.to_string())?;
                        return Ok(());
                    }
                    Err(error) if Instant::now() > deadline => {
                        return Err(format!("the admin cannot log in at {url}: {error}"));
                    }
                    Err(_) => {}
                }
            }
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(self.home.join("log").join(format!(
                    "gunicorn-{}.log",
                    url.rsplit(':').next().unwrap_or("")
                )))
                .unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(30).collect();
                return Err(format!(
                    "Zou at {url} did not answer within 90 s; its log ends with:\n{}",
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                ));
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// Stops what `up` started, by saved PID, checked against its command line.
    pub fn down(&self) -> Fallible {
        for port in [self.port, self.short_port] {
            stop(&self.pid_file(port), "gunicorn")?;
        }
        self.stop_events()?;
        stop(&self.run_dir().join("redis.pid"), "redis-server")?;
        self.stop_postgres_if_unused()?;
        println!("zou: down");
        Ok(())
    }

    /// Unregisters this checkout from the cluster and stops the cluster if kitsu-rs started it
    /// and no other checkout's Zou, nor any other client, uses it.
    fn stop_postgres_if_unused(&self) -> Fallible {
        let registry = self.registry();
        registry.unregister(&self.home);
        // A marker of this checkout from before the shared registry.
        let legacy = self.run_dir().join("postgres.started");
        if let Ok(version) = std::fs::read_to_string(&legacy) {
            registry.mark_started(version.trim())?;
            let _ = std::fs::remove_file(legacy);
        }
        let Some(version) = registry.started() else {
            return Ok(());
        };
        let others = registry.other_users(&self.home, zou_runs);
        let connections = if others.is_empty() {
            self.other_connections()
        } else {
            None
        };
        match verdict(true, &others, connections) {
            Verdict::Stop => {
                run(Command::new("pg_ctlcluster").args([
                    "--skip-systemctl-redirect",
                    &version,
                    "main",
                    "stop",
                ]))?;
                registry.clear_started();
            }
            Verdict::Keep(why) => println!("zou: PostgreSQL left running: {why}"),
        }
        Ok(())
    }

    /// Wipes the database and the stored files, then brings everything up again.
    pub async fn reset(&self) -> Fallible {
        ensure_root()?;
        self.down()?;
        self.start_postgres()?;
        self.psql("postgres", &format!("drop database if exists {DB_NAME}"))?;
        let _ = std::fs::remove_dir_all(self.home.join("previews"));
        self.up().await
    }
}

fn ensure_root() -> Fallible {
    let uid = output(Command::new("id").arg("-u"))?;
    if uid.trim() == "0" {
        Ok(())
    } else {
        Err("cargo xtask zou needs root: it installs Debian packages and runs PostgreSQL as its user (run it with sudo, or as root in CI)".into())
    }
}

fn port_free(port: u16, what: &str) -> Fallible {
    match TcpListener::bind(("127.0.0.1", port)) {
        Ok(_) => Ok(()),
        Err(_) if TcpStream::connect(("127.0.0.1", port)).is_ok() => Err(format!(
            "port {port} on 127.0.0.1 is taken by another program; free it or choose another port for {what}"
        )),
        Err(error) => Err(format!(
            "cannot listen on 127.0.0.1:{port} for {what}: {error}"
        )),
    }
}

/// Whether the Zou whose home is `home` (another checkout's `target/zou`) still runs: a
/// gunicorn of its PID files is alive.
fn zou_runs(home: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(home.join("run")) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        name.starts_with("gunicorn-")
            && name.ends_with(".pid")
            && running(&entry.path(), "gunicorn").is_some()
    })
}

/// The PID in `pid_file` if that process runs and is `program`.
fn running(pid_file: &Path, program: &str) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(pid_file)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    cmdline(pid)
        .filter(|line| line.contains(program))
        .map(|_| pid)
}

fn stop(pid_file: &Path, program: &str) -> Fallible {
    if let Some(pid) = running(pid_file, program) {
        run(Command::new("kill").args(["-TERM", &pid.to_string()]))?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while cmdline(pid).is_some() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        if cmdline(pid).is_some() {
            return Err(format!("{program} (pid {pid}) did not stop"));
        }
    }
    let _ = std::fs::remove_file(pid_file);
    Ok(())
}

/// The port of PostgreSQL's main cluster (5432 unless configured otherwise).
fn postgres_port() -> u16 {
    output(Command::new("pg_lsclusters").arg("--no-header"))
        .ok()
        .and_then(|clusters| {
            clusters
                .lines()
                .find(|l| l.split_whitespace().nth(1) == Some("main"))
                .and_then(|l| l.split_whitespace().nth(2).and_then(|p| p.parse().ok()))
        })
        .unwrap_or(5432)
}
