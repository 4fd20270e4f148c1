//! The main commands of `kitsu` against a real Zou. Run by `cargo xtask live`, which starts one
//! and sets `KITSU_LIVE_HOST`, `KITSU_LIVE_EMAIL`, `KITSU_LIVE_PASSWORD`, `KITSU_LIVE_MOVIE`
//! and `KITSU_LIVE_EVENTS_URL`; by hand:
//! `cargo test -p kitsu-cli --features live --test live` with those set.
#![cfg(feature = "live")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

fn var(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the live suite with `cargo xtask live`"))
}

struct Live {
    config: PathBuf,
    host: String,
    project: String,
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Live {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kitsu"));
        command
            .args(args)
            .env("KITSU_CONFIG_DIR", &self.config)
            .env("KITSU_HOST", &self.host)
            .env("KITSU_PROJECT", &self.project)
            .env_remove("KITSU_TOKEN")
            .env_remove("KITSU_EMAIL")
            .env_remove("KITSU_PASSWORD")
            .env_remove("KITSU_PROFILE")
            .env("KITSU_EVENTS_URL", var("KITSU_LIVE_EVENTS_URL"))
            .stdin(Stdio::null());
        command
    }

    fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
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
        let output = child.wait_with_output().unwrap();
        Out {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run_stdin(args, "");
        assert_eq!(
            out.code, 0,
            "kitsu {args:?}: {}\n{}",
            out.stderr, out.stdout
        );
        out.stdout
    }

    #[track_caller]
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kitsu-cli-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_main_commands_against_zou() {
    let name = format!("cli-live-{}", uuid_text());
    let live = Live {
        config: temp("config"),
        host: var("KITSU_LIVE_HOST"),
        project: name.clone(),
    };
    // Log in: tokens saved, the password not.
    let out = live.run_stdin(
        &[
            "login",
            "--email",
            &var("KITSU_LIVE_EMAIL"),
            "--password-stdin",
        ],
        &format!("{}\n", var("KITSU_LIVE_PASSWORD")),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let saved = std::fs::read_to_string(live.config.join("profiles.json")).unwrap();
    assert!(!saved.contains(&var("KITSU_LIVE_PASSWORD")));
    let status = live.json(&["status", "-o", "json"]);
    assert_eq!(status["user"]["email"], var("KITSU_LIVE_EMAIL"));

    // A project of our own, through the raw verbs.
    let project = live.json(&[
        "api",
        "POST",
        "data/projects",
        "-f",
        &format!("name={name}"),
        "-f",
        "production_type=short",
    ]);
    let project_id = project["id"].as_str().unwrap().to_owned();
    let open = live.ok(&["ls", "projects", "-o", "tsv", "--fields", "name"]);
    assert!(open.lines().any(|l| l == name), "{open}");

    // Create: sequence, shots, asset (get-or-create is idempotent).
    live.ok(&["new", "sequence", "SQ01"]);
    let shot = live.ok(&[
        "new",
        "shot",
        "SH010",
        "--sequence",
        "SQ01",
        "--frames",
        "48",
        "-o",
        "ids",
    ]);
    let again = live.ok(&[
        "new",
        "shot",
        "SH010",
        "--sequence",
        "SQ01",
        "--exist-ok",
        "-o",
        "ids",
    ]);
    assert_eq!(shot, again);
    live.ok(&["new", "shot", "SH020", "--sequence", "SQ01"]);
    let asset_type = live.ok(&["ls", "asset-types", "-o", "tsv", "--fields", "name"]);
    let asset_type = asset_type.lines().next().unwrap().to_owned();
    live.ok(&["new", "asset", "Hero", "--type", &asset_type]);
    let shots = live.ok(&[
        "ls",
        "shots",
        "-o",
        "tsv",
        "--fields",
        "sequence_name,name,nb_frames",
    ]);
    assert_eq!(shots, "SQ01\tSH010\t48\nSQ01\tSH020\t\n");
    let assets = live.ok(&[
        "ls",
        "assets",
        "--type",
        &asset_type,
        "-o",
        "tsv",
        "--fields",
        "name",
    ]);
    assert_eq!(assets, "Hero\n");

    // Casting: none yet.
    let casting = live.json(&["ls", "casting", "--shot", "SQ01/SH010", "-o", "json"]);
    assert_eq!(casting, serde_json::json!([]));

    // Tasks: the Animation task type on the shots.
    let animation = live.json(&["show", "project", &project_id, "-o", "json"]);
    assert_eq!(animation["name"], name);
    let task_types = live.json(&["api", "GET", "data/task-types", "-f", "name=Animation"]);
    let animation_id = task_types[0]["id"].as_str().unwrap().to_owned();
    live.json(&[
        "api",
        "POST",
        &format!("data/projects/{project_id}/settings/task-types"),
        "-f",
        &format!("task_type_id={animation_id}"),
    ]);
    live.json(&[
        "api",
        "POST",
        &format!("actions/projects/{project_id}/task-types/{animation_id}/shots/create-tasks"),
    ]);
    let tasks = live.ok(&[
        "ls",
        "tasks",
        "--type",
        "Animation",
        "-o",
        "tsv",
        "--fields",
        "entity_name,task_type_name",
    ]);
    assert_eq!(tasks, "SH010\tAnimation\nSH020\tAnimation\n");

    // Write: comment with a status, assign, set-status.
    live.ok(&[
        "comment",
        "SQ01/SH010/Animation",
        "Blocking done",
        "--status",
        "wfa",
    ]);
    live.ok(&["assign", "SH010/Animation", "me"]);
    let mine = live.ok(&[
        "ls",
        "tasks",
        "--assignee",
        "me",
        "--status",
        "wfa",
        "-o",
        "tsv",
        "--fields",
        "entity_name",
    ]);
    assert_eq!(mine, "SH010\n");

    // Events: a status change seen on the socket.
    let mut watcher = live
        .command(&[
            "events",
            "watch",
            "--name",
            "task:status-changed",
            "--count",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(watcher.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("Watching events"), "{line}");
    live.ok(&["set-status", "SH010/Animation", "wip"]);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(watcher.wait_with_output());
    });
    let output = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the status change arrives")
        .unwrap();
    let event: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(event["name"], "task:status-changed");
    assert_eq!(event["project_id"], project_id);

    // Publish a movie: uploaded, transcoded, main preview.
    let movie = var("KITSU_LIVE_MOVIE");
    let published = live.ok(&[
        "publish",
        "SH010/Animation",
        &movie,
        "--comment",
        "v1",
        "--status",
        "wfa",
        "-o",
        "tsv",
        "--fields",
        "id,status,extension",
    ]);
    let fields: Vec<&str> = published.trim_end().split('\t').collect();
    assert_eq!(fields[1..], ["ready", "mp4"], "{published}");
    let shot_row = live.json(&["show", "shot", "SQ01/SH010", "-o", "json"]);
    assert_eq!(shot_row["preview_file_id"], fields[0]);

    // Download it back; a second run skips it.
    let dir = temp("previews");
    let args = [
        "download",
        "previews",
        "--latest",
        "-j",
        "4",
        "--dir",
        dir.to_str().unwrap(),
    ];
    let paths = live.ok(&args);
    let path = Path::new(paths.trim_end());
    assert_eq!(path.file_name().unwrap(), "SQ01_SH010_Animation_v001.mp4");
    assert!(std::fs::metadata(path).unwrap().len() > 1000);
    let again = live.run_stdin(&args, "");
    assert!(
        again.stderr.contains("skipped 1 already there"),
        "{}",
        again.stderr
    );

    // Errors: stable exit codes.
    let missing = live.run_stdin(&["show", "shot", "SH999"], "");
    assert_eq!(missing.code, 4, "{}", missing.stderr);
    let route = live.run_stdin(&["api", "GET", "data/nothing-here"], "");
    assert_eq!(route.code, 4, "{}", route.stderr);

    // Remove the project, closed first (Zou deletes only closed projects).
    let closed = live.json(&["api", "GET", "data/project-status?name=Closed"]);
    let closed_id = closed[0]["id"].as_str().unwrap().to_owned();
    live.ok(&[
        "api",
        "PUT",
        &format!("data/projects/{project_id}"),
        "-f",
        &format!("project_status_id={closed_id}"),
    ]);
    live.ok(&[
        "api",
        "DELETE",
        &format!("data/projects/{project_id}?force=true"),
    ]);

    // Log out: the tokens are revoked.
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(live.config.join("profiles.json")).unwrap())
            .unwrap();
    let token = saved["profiles"]["default"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    live.ok(&["logout"]);
    let revoked = live
        .command(&["ls", "projects"])
        .env("KITSU_TOKEN", &token)
        .output()
        .unwrap();
    assert_eq!(
        revoked.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
}

fn uuid_text() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}")
}
