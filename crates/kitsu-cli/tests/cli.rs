//! Every command of `kitsu` against kitsu-mock: stdout (golden, ids redacted), stderr and the
//! exit code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use http::Method;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{Value, json};
use support::{Env, temp_dir};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// ---- help, completions -----------------------------------------------------------------

#[test]
fn help_lists_every_command_examples_and_exit_codes() {
    let env = Env::new();
    let help = env.run(&["--help"]);
    let text = help.ok();
    for command in [
        "login",
        "search",
        "status",
        "logout",
        "ls",
        "show",
        "comment",
        "set-status",
        "assign",
        "publish",
        "new",
        "download",
        "upload",
        "events",
        "api",
        "completions",
    ] {
        assert!(
            text.contains(&format!("\n  {command} ")),
            "{command} missing: {text}"
        );
    }
    assert!(text.contains("Exit codes:"));
    assert!(text.contains("3  authentication"));
    assert!(text.contains("Examples:"));
    assert!(help.stderr.is_empty());
    let ls_help = env.run(&["ls", "--help"]);
    assert!(ls_help.ok().contains("--assignee"));
}

#[test]
fn a_bad_command_line_is_exit_code_2() {
    let env = Env::new();
    env.run(&["frobnicate"]).fails(2, "unrecognized subcommand");
    env.run(&["ls", "nothing"]).fails(2, "invalid value");
}

#[test]
fn completions_for_three_shells() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "_kitsu()"),
        ("zsh", "#compdef kitsu"),
        ("fish", "complete -c kitsu"),
    ] {
        let out = env.run(&["completions", shell]);
        assert!(
            out.ok().contains(marker),
            "{shell}: {}",
            &out.stdout[..200.min(out.stdout.len())]
        );
        assert!(out.stdout.contains("set-status"));
    }
}

// ---- login, status, logout -------------------------------------------------------------

#[test]
fn login_saves_tokens_never_the_password_in_a_private_file() {
    let env = Env::logged_in();
    let profiles = env.profiles();
    let profile = &profiles["profiles"]["default"];
    assert_eq!(profile["host"], env.mock.base_url());
    assert_eq!(profile["email"], ADMIN_EMAIL);
    assert!(profile["access_token"].as_str().unwrap().len() > 20);
    assert!(profile["refresh_token"].as_str().unwrap().len() > 20);
    let text = std::fs::read_to_string(env.config.join("profiles.json")).unwrap();
    assert!(!text.contains(ADMIN_PASSWORD));
    #[cfg(unix)]
    {
        assert_eq!(support::mode(&env.config.join("profiles.json")), 0o600);
        assert_eq!(support::mode(&env.config), 0o700);
    }
}

#[test]
fn login_says_what_went_wrong() {
    let env = Env::new();
    let out = env.run_stdin(
        &["login", "--email", ADMIN_EMAIL, "--password-stdin"],
        "wrong\n",
    );
    out.fails(3, "error: login refused: Wrong email or password.");
    assert!(out.stderr.contains("hint: check the email and password"));
    assert!(!env.config.join("profiles.json").exists());
    // No terminal to ask on: a usage error naming the way out.
    env.run(&["login", "--email", ADMIN_EMAIL])
        .fails(2, "set KITSU_PASSWORD, or pipe it with --password-stdin");
    // A host that is not Kitsu's API.
    let bad = env
        .command(&["login", "--email", ADMIN_EMAIL, "--password-stdin"])
        .env("KITSU_HOST", env.mock.base_url().trim_end_matches("/api"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut bad = bad;
    bad.stdin.take().unwrap().write_all(b"x\n").unwrap();
    let out = support::Out::from(bad.wait_with_output().unwrap());
    out.fails(2, "try ");
}

#[test]
fn login_with_a_second_factor() {
    let env = Env::new();
    env.mock.seed(|s| {
        let app = s.person("Two", "Factor", "2fa@example.com", "password1", "user");
        s.require_second_factor(&app, "totp", "123456");
        let mail = s.person("Mail", "Code", "mail@example.com", "password1", "user");
        s.require_second_factor(&mail, "email_otp", "654321");
    });
    let login = |email: &str, otp: Option<&str>| {
        let mut args = vec!["login", "--email", email, "--password-stdin"];
        if let Some(otp) = otp {
            args.extend(["--otp", otp]);
        }
        env.run_stdin(&args, "password1\n")
    };
    // No code and no terminal to ask on: a usage error naming the way out.
    let out = login("2fa@example.com", None);
    out.fails(
        2,
        "Two-factor code is needed and standard input is not a terminal",
    );
    // A wrong code: refused, with what to check.
    let out = login("2fa@example.com", Some("000000"));
    out.fails(
        3,
        "error: login refused: Wrong two-factor authentication code.",
    );
    assert!(
        out.stderr.contains("hint: check the code"),
        "{}",
        out.stderr
    );
    assert!(!env.config.join("profiles.json").exists());
    // The right one.
    let out = login("2fa@example.com", Some("123456"));
    out.ok();
    assert_eq!(
        env.profiles()["profiles"]["default"]["email"],
        "2fa@example.com"
    );
    // An account whose codes come by email: the code given goes again as an email code.
    env.mock.clear_requests();
    login("mail@example.com", Some("654321")).ok();
    assert_eq!(env.mock.count(Method::POST, "auth/login"), 2);
    assert_eq!(
        env.profiles()["profiles"]["default"]["email"],
        "mail@example.com"
    );
}

#[test]
fn commands_before_login_ask_for_it() {
    let env = Env::new();
    let out = env.run(&["ls", "projects"]);
    out.fails(3, "not logged in");
    assert!(out.stderr.contains("hint: run `kitsu login`"));
    let out = env
        .command(&["ls", "projects"])
        .env_remove("KITSU_HOST")
        .output()
        .unwrap();
    let out = support::Out::from(out);
    out.fails(3, "no host is known");
}

#[test]
fn status_shows_host_version_and_user() {
    let env = Env::logged_in();
    let out = env.run(&["status", "-o", "table"]);
    let expected = format!(
        "host         {}\napi_version  1.0.97\nuser         Super Admin\nemail        admin@example.com\nrole         admin\nauth         profile `default`\n",
        env.mock.base_url()
    );
    assert_eq!(out.ok(), expected);
    let out = env.run(&["status", "-o", "json"]);
    let status = json(out.ok());
    assert_eq!(status["user"]["email"], ADMIN_EMAIL);
    assert_eq!(status["api_version"], "1.0.97");
}

#[test]
fn logout_revokes_and_forgets_the_tokens() {
    let env = Env::logged_in();
    let out = env.run(&["logout"]);
    out.ok();
    assert!(out.stderr.contains("Logged out of"));
    assert_eq!(env.mock.count(Method::GET, "auth/logout"), 1);
    let profile = &env.profiles()["profiles"]["default"];
    assert!(profile.get("access_token").is_none());
    assert_eq!(profile["email"], ADMIN_EMAIL);
    env.run(&["ls", "projects"])
        .fails(3, "has no token (logged out)");
    let again = env.run(&["logout"]);
    again.ok();
    assert!(again.stderr.contains("already logged out"));
}

#[test]
fn profiles_keep_several_logins() {
    let env = Env::logged_in();
    let out = env.run_stdin(
        &[
            "--profile",
            "alice",
            "login",
            "--email",
            "alice@example.com",
            "--password-stdin",
        ],
        "alicepassword\n",
    );
    out.ok();
    let me = env.run(&[
        "--profile",
        "alice",
        "show",
        "person",
        "me",
        "-o",
        "tsv",
        "--fields",
        "email",
    ]);
    assert_eq!(me.ok(), "alice@example.com\n");
    let me = env.run(&["show", "person", "me", "-o", "tsv", "--fields", "email"]);
    assert_eq!(me.ok(), "admin@example.com\n");
}

#[test]
fn environment_credentials_and_bot_tokens() {
    let env = Env::logged_in();
    let token = env.profiles()["profiles"]["default"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let empty = temp_dir("empty");
    // A bot token (any bearer token): no profile needed.
    let out = env
        .command(&["status", "-o", "tsv", "--fields", "user,auth"])
        .env("KITSU_CONFIG_DIR", &empty)
        .env("KITSU_TOKEN", &token)
        .output()
        .unwrap();
    assert_eq!(
        support::Out::from(out).ok(),
        "Super Admin\tbot token (KITSU_TOKEN)\n"
    );
    // Email and password: logs in, and out afterwards.
    let logouts = env.mock.count(Method::GET, "auth/logout");
    let out = env
        .command(&["ls", "projects", "-o", "tsv", "--fields", "name"])
        .env("KITSU_CONFIG_DIR", &empty)
        .env("KITSU_EMAIL", ADMIN_EMAIL)
        .env("KITSU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap();
    assert_eq!(support::Out::from(out).ok(), "Agent 327\n");
    assert_eq!(env.mock.count(Method::GET, "auth/logout"), logouts + 1);
}

#[test]
fn an_expired_token_is_refreshed_and_saved() {
    let env = Env::short_tokens(Duration::from_secs(2));
    let before = env.profiles()["profiles"]["default"]["access_token"].clone();
    std::thread::sleep(Duration::from_millis(2500));
    env.run(&["ls", "projects", "-o", "ids"]).ok();
    let after = env.profiles()["profiles"]["default"]["access_token"].clone();
    assert_ne!(before, after, "the refreshed token is saved");
    assert!(env.mock.count(Method::GET, "auth/refresh-token") >= 1);
    // Both tokens expired (or revoked): log in again.
    env.mock.expire_all_tokens();
    let out = env.run(&["ls", "projects"]);
    out.fails(3, "session expired");
    assert!(out.stderr.contains("hint: run `kitsu login`"));
}

// ---- ls --------------------------------------------------------------------------------

#[test]
fn ls_projects_in_every_format() {
    let env = Env::logged_in();
    let table = env.run(&["ls", "projects", "-o", "table"]);
    assert_eq!(
        env.redact(table.ok()),
        "NAME       PRODUCTION_TYPE  ID\nAgent 327  short            <project>\n"
    );
    // Piped: tab-separated, no header.
    let tsv = env.run(&["ls", "projects"]);
    assert_eq!(env.redact(tsv.ok()), "Agent 327\tshort\t<project>\n");
    let ids = env.run(&["ls", "projects", "-o", "ids"]);
    assert_eq!(env.redact(ids.ok()), "<project>\n");
    let all = env.run(&["ls", "projects", "--all", "-o", "tsv", "--fields", "name"]);
    let mut names: Vec<&str> = all.ok().lines().collect();
    names.sort_unstable();
    assert_eq!(names, ["Agent 327", "Old Film"]);
    let rows = json(env.run(&["ls", "projects", "-o", "json"]).ok());
    assert_eq!(rows[0]["name"], "Agent 327");
    assert_eq!(rows[0]["fps"], "25", "whole rows without --fields");
    let ndjson = env.run(&["ls", "projects", "-o", "ndjson", "--fields", "name,fps"]);
    assert_eq!(ndjson.ok(), "{\"name\":\"Agent 327\",\"fps\":\"25\"}\n");
}

#[test]
fn ls_entities_of_a_project() {
    let env = Env::logged_in();
    let p = ["--project", "Agent 327"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(p);
        env.redact(env.run(&all).ok())
    };
    assert_eq!(
        run(&["ls", "sequences", "-o", "tsv", "--fields", "name,id"]),
        "SQ01\t<sequence>\n"
    );
    assert_eq!(
        run(&["ls", "shots", "-o", "table"]),
        "SEQUENCE_NAME  NAME   NB_FRAMES  ID\nSQ01           SH010             <shot>\nSQ01           SH020             <shot2>\n"
    );
    assert_eq!(
        run(&["ls", "shots", "--sequence", "SQ01", "-o", "ids"]),
        "<shot>\n<shot2>\n"
    );
    assert_eq!(
        run(&[
            "ls",
            "assets",
            "--type",
            "Character",
            "-o",
            "tsv",
            "--fields",
            "asset_type_name,name"
        ]),
        "Character\tHero\n"
    );
    assert_eq!(run(&["ls", "assets", "--type", "Prop", "-o", "ids"]), "");
    assert_eq!(run(&["ls", "episodes", "-o", "ids"]), "");
    // KITSU_PROJECT instead of --project; a project id instead of its name.
    let out = env
        .command(&["ls", "shots", "-o", "ids"])
        .env("KITSU_PROJECT", &env.world.project)
        .output()
        .unwrap();
    assert_eq!(
        env.redact(support::Out::from(out).ok()),
        "<shot>\n<shot2>\n"
    );
}

#[test]
fn ls_tasks_with_filters() {
    let env = Env::logged_in();
    let tasks = env.run(&["ls", "tasks", "--project", "Agent 327", "-o", "table"]);
    assert_eq!(
        env.redact(tasks.ok()),
        "\
ENTITY_NAME  TASK_TYPE_NAME  TASK_STATUS_SHORT_NAME  ASSIGNEE_NAMES  ID
Hero         Modeling        todo                                    <asset_task>
SH010        Animation       todo                                    <task>
SH020        Animation       todo                                    <task2>
"
    );
    let p = ["--project", "Agent 327", "-o", "ids"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(p);
        env.redact(env.run(&all).ok())
    };
    assert_eq!(
        run(&["ls", "tasks", "--type", "Animation"]),
        "<task>\n<task2>\n"
    );
    assert_eq!(run(&["ls", "tasks", "--status", "wip"]), "");
    assert_eq!(run(&["ls", "tasks", "--assignee", "me"]), "");
    env.run(&["assign", &env.world.task, "me"]).ok();
    env.run(&["assign", &env.world.task2, "alice@example.com"])
        .ok();
    assert_eq!(run(&["ls", "tasks", "--assignee", "me"]), "<task>\n");
    assert_eq!(
        run(&["ls", "tasks", "--assignee", "Alice Artist"]),
        "<task2>\n"
    );
    let names = env.run(&[
        "ls",
        "tasks",
        "--project",
        "Agent 327",
        "--type",
        "Animation",
        "-o",
        "tsv",
        "--fields",
        "entity_name,assignee_names",
    ]);
    assert_eq!(names.ok(), "SH010\tSuper Admin\nSH020\tAlice Artist\n");
}

#[test]
fn ls_reference_data_and_persons() {
    let env = Env::logged_in();
    let persons = env.run(&[
        "ls",
        "persons",
        "-o",
        "tsv",
        "--fields",
        "full_name,email,role",
    ]);
    assert_eq!(
        persons.ok(),
        "Super Admin\tadmin@example.com\tadmin\nAlice Artist\talice@example.com\tuser\n"
    );
    let statuses = env.run(&["ls", "task-statuses", "-o", "tsv", "--fields", "short_name"]);
    for short in ["todo", "wip", "wfa", "done"] {
        assert!(
            statuses.stdout.lines().any(|l| l == short),
            "{short}: {}",
            statuses.stdout
        );
    }
    let types = env.run(&["ls", "task-types", "-o", "tsv", "--fields", "name"]);
    assert!(types.ok().lines().any(|l| l == "Animation"));
    let asset_types = env.run(&["ls", "asset-types", "-o", "tsv", "--fields", "name"]);
    assert!(asset_types.ok().lines().any(|l| l == "Character"));
}

#[test]
fn ls_playlists() {
    let env = Env::logged_in();
    // The mock keeps no playlists: answer as Zou does.
    let body = json!([{"id": "0b6c4f3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c", "name": "Dailies 12", "for_entity": "shot",
                        "created_at": "2026-11-25T10:00:00", "project_id": env.world.project}]);
    env.mock.faults().respond(
        Method::GET,
        "data/playlists",
        200,
        [("content-type", "application/json")],
        body.to_string(),
        1,
    );
    let out = env.run(&["ls", "playlists", "--project", "Agent 327", "-o", "table"]);
    assert_eq!(
        out.ok(),
        "NAME        FOR_ENTITY  CREATED_AT           ID\nDailies 12  shot        2026-11-25T10:00:00  0b6c4f3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c\n"
    );
    let request = env
        .mock
        .requests()
        .into_iter()
        .rfind(|r| r.path == "data/playlists")
        .unwrap();
    assert_eq!(
        request.query.unwrap(),
        format!("project_id={}", env.world.project)
    );
}

#[test]
fn ls_says_what_is_wrong() {
    let env = Env::logged_in();
    let out = env.run(&["ls", "shots"]);
    out.fails(2, "which project? give --project, or set KITSU_PROJECT");
    assert!(out.stderr.contains("hint: `kitsu ls projects`"));
    env.run(&["ls", "shots", "--project", "Nope"])
        .fails(4, "no project named \"Nope\"");
    env.run(&["ls", "projects", "--status", "wip"])
        .fails(2, "--status does not apply to `ls projects`");
    env.run(&["ls", "tasks", "--project", "Agent 327", "--status", "nope"])
        .fails(4, "no task status named \"nope\"");
    env.run(&[
        "ls",
        "tasks",
        "--project",
        "Agent 327",
        "--assignee",
        "nobody@x.com",
    ])
    .fails(4, "no person named");
}

#[test]
fn server_failures_are_exit_code_6_and_denials_5() {
    let env = Env::logged_in();
    env.mock.faults().statuses(
        Method::GET,
        "data/projects/open",
        [500, 500, 500, 500, 500, 500],
    );
    let out = env.run(&["ls", "projects"]);
    out.fails(6, "error: server error");
    env.mock.faults().clear();
    env.mock.faults().respond(
        Method::GET,
        "data/projects/open",
        403,
        [("content-type", "application/json")],
        r#"{"error": true, "message": "You are not allowed"}"#,
        1,
    );
    env.run(&["ls", "projects"]).fails(5, "not allowed");
}

// ---- show ------------------------------------------------------------------------------

#[test]
fn show_by_name_or_id() {
    let env = Env::logged_in();
    let project = env.run(&[
        "show",
        "project",
        "Agent 327",
        "-o",
        "table",
        "--fields",
        "name,fps,id",
    ]);
    assert_eq!(
        env.redact(project.ok()),
        "name  Agent 327\nfps   25\nid    <project>\n"
    );
    let shot = env.run(&[
        "show",
        "shot",
        "SQ01/SH020",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(shot.ok()), "<shot2>\n");
    let by_id = env.run(&["show", "shot", &env.world.shot, "-o", "json"]);
    assert_eq!(json(by_id.ok())["name"], "SH010");
    let task = env.run(&[
        "show",
        "task",
        "SH010/Animation",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(task.ok()), "<task>\n");
    let task = env.run(&[
        "show",
        "task",
        "SQ01/SH020/animation",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(task.ok()), "<task2>\n");
    let task = env.run(&[
        "show",
        "task",
        "Hero/Modeling",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(task.ok()), "<asset_task>\n");
    let asset = env.run(&[
        "show",
        "asset",
        "Hero",
        "--project",
        "Agent 327",
        "-o",
        "tsv",
        "--fields",
        "name",
    ]);
    assert_eq!(asset.ok(), "Hero\n");
    let sequence = env.run(&[
        "show",
        "sequence",
        "SQ01",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(sequence.ok()), "<sequence>\n");
    let person = env.run(&[
        "show",
        "person",
        "Alice Artist",
        "-o",
        "tsv",
        "--fields",
        "email,role",
    ]);
    assert_eq!(person.ok(), "alice@example.com\tuser\n");
}

#[test]
fn show_says_what_is_missing() {
    let env = Env::logged_in();
    env.run(&["show", "shot", "SH999", "--project", "Agent 327"])
        .fails(4, "no shot named \"SH999\"");
    env.run(&["show", "shot", "SH010"])
        .fails(2, "give --project (or KITSU_PROJECT), or the id");
    env.run(&["show", "task", "SH010", "--project", "Agent 327"])
        .fails(2, "neither a task id nor ENTITY/TASK-TYPE");
    env.run(&["show", "task", "00000000-0000-4000-8000-000000000000"])
        .fails(4, "no task with id");
}

// ---- writes ----------------------------------------------------------------------------

fn status_of(env: &Env, task: &str) -> String {
    let status = env.row("tasks", task)["task_status_id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.row("task-status", &status)["short_name"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn comment_with_a_status() {
    let env = Env::logged_in();
    let out = env.run(&[
        "comment",
        "SH010/Animation",
        "Blocking done",
        "--status",
        "wfa",
        "--project",
        "Agent 327",
        "-o",
        "tsv",
        "--fields",
        "text",
    ]);
    assert_eq!(out.ok(), "Blocking done\n");
    assert!(
        env.redact(&out.stderr)
            .contains("Commented on task <task> (status wfa)")
    );
    assert_eq!(status_of(&env, &env.world.task), "wfa");
    // Without --status the task keeps its status; `-` reads the text from stdin.
    let out = env.run_stdin(
        &[
            "comment",
            &env.world.task,
            "-",
            "-o",
            "tsv",
            "--fields",
            "text",
        ],
        "from stdin\n",
    );
    assert_eq!(out.ok(), "from stdin\n");
    assert_eq!(status_of(&env, &env.world.task), "wfa");
}

#[test]
fn comment_with_attachments_is_multipart() {
    let env = Env::logged_in();
    let dir = temp_dir("attach");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "see frame 12").unwrap();
    let path = format!("actions/tasks/{}/comment", env.world.task);
    // The mock takes JSON comments only: answer as Zou does to a multipart one.
    env.mock.faults().respond(
        Method::POST,
        &path,
        201,
        [("content-type", "application/json")],
        json!({"id": "9d1c3c1e-3f0e-4c59-a1d4-5b4a3f8e2c10", "text": "notes", "attachment_files": [{"name": "notes.txt"}]}).to_string(),
        1,
    );
    let out = env.run(&[
        "comment",
        &env.world.task,
        "notes",
        "--attach",
        notes.to_str().unwrap(),
        "-o",
        "ids",
    ]);
    assert_eq!(out.ok(), "9d1c3c1e-3f0e-4c59-a1d4-5b4a3f8e2c10\n");
    let request = env
        .mock
        .requests()
        .into_iter()
        .rfind(|r| r.path == path)
        .unwrap();
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("multipart/form-data"),
        "{content_type}"
    );
    assert!(request.body_len > "see frame 12".len());
    env.run(&["comment", &env.world.task, "x", "--attach", "/nonexistent"])
        .fails(2, "no file at /nonexistent");
}

#[test]
fn set_status() {
    let env = Env::logged_in();
    let out = env.run(&[
        "set-status",
        "SH020/Animation",
        "done",
        "--project",
        "Agent 327",
        "-m",
        "ok",
    ]);
    out.ok();
    assert!(env.redact(&out.stderr).contains("Task <task2> is now done"));
    assert_eq!(status_of(&env, &env.world.task2), "done");
    env.run(&["set-status", &env.world.task2, "nope"])
        .fails(4, "no task status named \"nope\"");
}

#[test]
fn assign_and_unassign() {
    let env = Env::logged_in();
    let assignees = |env: &Env| env.row("tasks", &env.world.task)["assignees"].clone();
    let out = env.run(&[
        "assign",
        "SH010/Animation",
        "alice@example.com",
        "me",
        "--project",
        "Agent 327",
        "-o",
        "ids",
    ]);
    assert_eq!(env.redact(out.ok()), "<task>\n");
    let now = assignees(&env);
    assert_eq!(now.as_array().unwrap().len(), 2, "{now}");
    assert!(now.as_array().unwrap().contains(&json!(env.world.artist)));
    env.run(&["assign", &env.world.task, "Alice Artist", "--remove"])
        .ok();
    let now = assignees(&env);
    assert_eq!(now.as_array().unwrap().len(), 1, "{now}");
    assert!(!now.as_array().unwrap().contains(&json!(env.world.artist)));
}

#[test]
fn publish_uploads_waits_and_sets_the_main_preview() {
    let env = Env::logged_in();
    let dir = temp_dir("publish");
    let movie = dir.join("blocking_v3.png");
    std::fs::write(&movie, vec![42u8; 100_000]).unwrap();
    // The mock has no set-main-preview: answer as Zou does, and check it was asked.
    env.mock.faults().respond(
        Method::PUT,
        "actions/preview-files/*",
        200,
        [("content-type", "application/json")],
        "{}",
        1,
    );
    let out = env.run(&[
        "publish",
        "SH010/Animation",
        movie.to_str().unwrap(),
        "--comment",
        "v3",
        "--status",
        "wfa",
        "--project",
        "Agent 327",
        "-o",
        "tsv",
        "--fields",
        "id,status",
    ]);
    let line = out.ok().trim_end().to_owned();
    let (preview, status) = line.split_once('\t').unwrap();
    assert_eq!(status, "ready");
    assert_eq!(env.mock.preview_file_bytes(preview).unwrap().len(), 100_000);
    assert_eq!(status_of(&env, &env.world.task), "wfa");
    assert!(out.stderr.contains("Published"));
    assert_eq!(
        env.mock.count(
            Method::PUT,
            &format!("actions/preview-files/{preview}/set-main-preview")
        ),
        1
    );
    env.run(&["publish", &env.world.task, "/nonexistent.mp4"])
        .fails(2, "no file at /nonexistent.mp4");
}

#[test]
fn new_shot_sequence_asset_and_get_or_create() {
    let env = Env::logged_in();
    let p = ["--project", "Agent 327"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(p);
        env.run(&all)
    };
    let sequence = run(&["new", "sequence", "SQ02", "-o", "tsv"]);
    let sequence_id = sequence
        .ok()
        .trim_end()
        .split('\t')
        .nth(1)
        .unwrap()
        .to_owned();
    let shot = run(&[
        "new",
        "shot",
        "SH030",
        "--sequence",
        "SQ02",
        "--frames",
        "48",
        "-o",
        "ids",
    ]);
    let shot_id = shot.ok().trim_end().to_owned();
    let row = env.row("entities", &shot_id);
    assert_eq!(row["nb_frames"], 48);
    assert_eq!(row["parent_id"], json!(sequence_id));
    let asset = run(&[
        "new",
        "asset",
        "Villain",
        "--type",
        "Character",
        "-d",
        "bad",
        "-o",
        "ids",
    ]);
    let asset_id = asset.ok().trim_end().to_owned();
    assert_eq!(env.row("entities", &asset_id)["name"], "Villain");
    // Get-or-create: the same id again, said on stderr.
    let again = run(&[
        "new",
        "shot",
        "SH030",
        "--sequence",
        "SQ02",
        "--exist-ok",
        "-o",
        "ids",
    ]);
    assert_eq!(again.ok().trim_end(), shot_id);
    assert!(again.stderr.contains("SH030 exists already"));
    run(&["new", "shot", "SH040", "--sequence", "SQ99"]).fails(4, "no sequence named \"SQ99\"");
    run(&["new", "asset", "X", "--type", "Vehicle"]).fails(4, "no asset type named \"Vehicle\"");
}

#[test]
fn new_episode_and_get_or_create() {
    let env = Env::logged_in();
    let p = ["--project", "Agent 327"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(p);
        env.run(&all)
    };
    let episode = run(&["new", "episode", "E01", "-d", "pilot", "-o", "ids"]);
    let episode_id = episode.ok().trim_end().to_owned();
    let row = env.row("entities", &episode_id);
    assert_eq!(row["name"], "E01");
    assert_eq!(row["description"], "pilot");
    assert_eq!(row["project_id"], json!(env.world.project));
    // Its sequences go in it.
    let sequence = run(&["new", "sequence", "SQ10", "--episode", "E01", "-o", "ids"]);
    let sequence_id = sequence.ok().trim_end().to_owned();
    assert_eq!(
        env.row("entities", &sequence_id)["parent_id"],
        json!(episode_id)
    );
    // Get-or-create: the same id again, said on stderr. (Without --exist-ok Zou's own
    // `create_episode` gets or creates too: the same id, silently, no second episode.)
    let again = run(&["new", "episode", "E01", "--exist-ok", "-o", "ids"]);
    assert_eq!(again.ok().trim_end(), episode_id);
    assert!(again.stderr.contains("E01 exists already"));
    let twice = run(&["new", "episode", "E01", "-o", "ids"]);
    assert_eq!(twice.ok().trim_end(), episode_id);
    let listed = run(&["ls", "episodes", "-o", "ids"]);
    assert_eq!(listed.ok().trim_end(), episode_id);
    assert!(env.run(&["new", "--help"]).ok().contains("episode"));
}

#[test]
fn my_done_tasks() {
    let env = Env::logged_in();
    let (project, task, task2) = (
        env.world.project.clone(),
        env.world.task.clone(),
        env.world.task2.clone(),
    );
    env.mock.seed(|s| {
        let me = s.admin();
        s.add_to_team(&project, &me);
        s.assign(&task, &me);
        s.assign(&task2, &me);
        s.set_task_status(&task, "done");
        s.set_task_status(&task2, "wip");
    });
    let out = env.run(&["ls", "tasks", "--assignee", "me", "--done", "-o", "table"]);
    assert_eq!(
        env.redact(out.ok()),
        "\
PROJECT_NAME  ENTITY_NAME  TASK_TYPE_NAME  TASK_STATUS_SHORT_NAME  ASSIGNEE_NAMES  ID
Agent 327     SH010        Animation       done                    Super Admin     <task>
"
    );
    assert_eq!(env.mock.count(Method::GET, "data/user/tasks-done"), 1);
    // Narrowed to a project or a task type.
    let ids = |extra: &[&str]| {
        let mut args = vec!["ls", "tasks", "--assignee", "me", "--done", "-o", "ids"];
        args.extend(extra);
        env.redact(env.run(&args).ok())
    };
    assert_eq!(ids(&["--project", "Agent 327"]), "<task>\n");
    assert_eq!(ids(&["--type", "Animation"]), "<task>\n");
    assert_eq!(ids(&["--type", "Modeling"]), "");
    // Only the logged-in user's, only tasks.
    env.run(&["ls", "tasks", "--done"])
        .fails(2, "give it with --assignee me");
    env.run(&["ls", "tasks", "--assignee", "Alice Artist", "--done"])
        .fails(2, "give it with --assignee me");
    env.run(&["ls", "shots", "--done", "--project", "Agent 327"])
        .fails(2, "--done does not apply to `ls shots`");
    env.run(&[
        "ls",
        "tasks",
        "--assignee",
        "me",
        "--done",
        "--status",
        "wip",
    ])
    .fails(2, "--status does not apply to `ls tasks --done`");
}

// ---- files -----------------------------------------------------------------------------

#[test]
fn download_previews_skips_what_is_there() {
    let env = Env::logged_in();
    // A second revision on the task, and one on another task.
    env.mock.seed(|s| {
        s.preview(&env.world.task, "png", vec![8u8; 5000]);
        s.preview(&env.world.task2, "mp4", vec![9u8; 7000]);
        // A shot of the same name in another sequence: its own file.
        let sq02 = s.sequence(&env.world.project, "SQ02");
        let other = s.shot(&env.world.project, &sq02, "SH010");
        let task = s.task(&other, &env.world.animation);
        s.preview(&task, "png", vec![1u8; 100]);
    });
    let dir = temp_dir("previews");
    let args = [
        "download",
        "previews",
        "--project",
        "Agent 327",
        "--latest",
        "-j",
        "4",
        "--dir",
        dir.to_str().unwrap(),
    ];
    let out = env.run(&args);
    let mut paths: Vec<String> = out.ok().lines().map(str::to_owned).collect();
    paths.sort();
    let expected = [
        dir.join("SQ01_SH010_Animation_v002.png"),
        dir.join("SQ01_SH020_Animation_v001.mp4"),
        dir.join("SQ02_SH010_Animation_v001.png"),
    ];
    assert_eq!(
        paths,
        expected
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(std::fs::read(&expected[0]).unwrap(), vec![8u8; 5000]);
    assert_eq!(std::fs::read(&expected[1]).unwrap(), vec![9u8; 7000]);
    assert!(
        out.stderr
            .contains("Downloaded 3 previews (12100 bytes), skipped 0 already there, 0 failed"),
        "{}",
        out.stderr
    );
    let downloads = |env: &Env| {
        env.mock
            .requests()
            .iter()
            .filter(|r| r.path.contains("originals/preview-files"))
            .count()
    };
    let before = downloads(&env);
    let again = env.run(&args);
    again.ok();
    assert!(
        again
            .stderr
            .contains("Downloaded 0 previews (0 bytes), skipped 3 already there"),
        "{}",
        again.stderr
    );
    assert_eq!(downloads(&env), before);
    // Every revision without --latest.
    let all = env.run(&[
        "download",
        "previews",
        "--project",
        "Agent 327",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(all.ok().lines().count(), 4);
    assert!(dir.join("SQ01_SH010_Animation_v001.png").exists());
}

#[test]
fn download_failures_are_partial_exit_code_7() {
    let env = Env::logged_in();
    let dir = temp_dir("partial");
    env.mock.faults().respond(
        Method::GET,
        &format!("pictures/originals/preview-files/{}.png", env.world.preview),
        404,
        [("content-type", "application/json")],
        r#"{"error": true, "message": "gone"}"#,
        10,
    );
    let out = env.run(&[
        "download",
        "previews",
        "--project",
        "Agent 327",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    out.fails(7, "1 of the downloads failed");
    assert!(out.stderr.contains("hint: run the same command again"));
}

#[test]
fn download_and_upload_any_file_route() {
    let env = Env::logged_in();
    let dir = temp_dir("files");
    let poster = dir.join("poster.png");
    let png = {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, 2, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[200u8; 12]).unwrap();
        writer.finish().unwrap();
        bytes
    };
    std::fs::write(&poster, &png).unwrap();
    let route = format!("pictures/thumbnails/projects/{}", env.world.project);
    let out = env.run(&["upload", &route, poster.to_str().unwrap()]);
    json(out.ok());
    let back = dir.join("back.png");
    let out = env.run(&[
        "download",
        "file",
        &format!("{route}.png"),
        back.to_str().unwrap(),
    ]);
    out.ok();
    assert!(out.stderr.contains("Wrote"));
    assert!(std::fs::read(&back).unwrap().starts_with(b"\x89PNG"));
    env.run(&["upload", &route, "/nonexistent.png"])
        .fails(2, "cannot read /nonexistent.png");
    env.run(&["upload", &route, poster.to_str().unwrap(), "-F", "novalue"])
        .fails(2, "write NAME=VALUE");
}

// ---- events ----------------------------------------------------------------------------

#[test]
fn events_watch_prints_ndjson() {
    let env = Env::logged_in();
    let mut child = env
        .command(&[
            "events",
            "watch",
            "--project",
            "Agent 327",
            "--name",
            "task:*",
            "--count",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("Watching events"), "{line}");
    let events = env.mock.event_server();
    // Filtered out: another name, another project.
    events.emit(
        "shot:update",
        json!({"shot_id": env.world.shot, "project_id": env.world.project}),
    );
    events.emit(
        "task:update",
        json!({"task_id": env.world.task, "project_id": "00000000-0000-4000-8000-000000000000"}),
    );
    events.emit(
        "task:status-changed",
        json!({"task_id": env.world.task, "new_task_status_id": env.world.task, "previous_task_status_id": null, "person_id": env.world.artist, "project_id": env.world.project}),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let status = child.wait_with_output();
        let _ = tx.send(status);
    });
    let output = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("watch ends after --count 1")
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let event = json(lines[0]);
    assert_eq!(event["name"], "task:status-changed");
    assert_eq!(event["project_id"], json!(env.world.project));
    assert_eq!(event["origin"], "live");
    assert_eq!(event["data"]["task_id"], json!(env.world.task));
}

#[test]
fn events_refuse_names_kitsu_never_publishes() {
    let env = Env::logged_in();
    env.run(&["events", "watch", "--name", "task:status-change"])
        .fails(2, "task:status-changed");
}

// ---- api -------------------------------------------------------------------------------

#[test]
fn api_calls_any_route() {
    let env = Env::logged_in();
    let open = json(env.run(&["api", "GET", "data/projects/open"]).ok());
    assert_eq!(open[0]["name"], "Agent 327");
    let filtered = json(
        env.run(&[
            "api",
            "get",
            "data/tasks",
            "-f",
            &format!("entity_id={}", env.world.shot),
        ])
        .ok(),
    );
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let task = &env.world.task;
    let updated = json(
        env.run(&[
            "api",
            "PUT",
            &format!("data/tasks/{task}"),
            "-F",
            "priority=3",
        ])
        .ok(),
    );
    assert_eq!(updated["priority"], 3);
    assert_eq!(env.row("tasks", task)["priority"], 3);
    let body = json!({"name": "From stdin", "production_type": "short"}).to_string();
    let created = json(
        env.run_stdin(&["api", "POST", "data/projects", "--input", "-"], &body)
            .ok(),
    );
    assert_eq!(created["name"], "From stdin");
    let deleted = env.run(&["api", "DELETE", &format!("data/tasks/{}", env.world.task2)]);
    deleted.ok();
    assert!(deleted.stderr.contains("Deleted"));
    env.run(&["api", "GET", "data/nothing-here"])
        .fails(4, "not found");
    env.run(&["api", "GET", "data/projects", "-f", "=x"])
        .fails(2, "write NAME=VALUE");
}

// ---- gazu-cli's others: my tasks, casting, search ---------------------------------------

#[test]
fn my_tasks_in_every_open_project() {
    let env = Env::logged_in();
    env.run(&["assign", &env.world.task2, "me"]).ok();
    let out = env.run(&["ls", "tasks", "--assignee", "me", "-o", "table"]);
    assert_eq!(
        env.redact(out.ok()),
        "\
PROJECT_NAME  ENTITY_NAME  TASK_TYPE_NAME  TASK_STATUS_SHORT_NAME  ASSIGNEE_NAMES  ID
Agent 327     SH020        Animation       todo                    Super Admin     <task2>
"
    );
}

#[test]
fn ls_casting_of_a_shot() {
    let env = Env::logged_in();
    // The mock keeps no casting: answer as Zou does.
    let path = format!(
        "data/projects/{}/entities/{}/casting",
        env.world.project, env.world.shot
    );
    let body = json!([{"asset_id": env.world.asset, "asset_name": "Hero", "asset_type_name": "Character",
                       "nb_occurences": 2, "label": ""}]);
    env.mock.faults().respond(
        Method::GET,
        &path,
        200,
        [("content-type", "application/json")],
        body.to_string(),
        1,
    );
    let out = env.run(&[
        "ls",
        "casting",
        "--shot",
        "SQ01/SH010",
        "--project",
        "Agent 327",
        "-o",
        "table",
    ]);
    assert_eq!(
        env.redact(out.ok()),
        "ASSET_TYPE_NAME  ASSET_NAME  NB_OCCURENCES  ASSET_ID\nCharacter        Hero        2              <asset>\n"
    );
    env.run(&["ls", "casting"])
        .fails(2, "which shot? give --shot");
    env.run(&["ls", "shots", "--shot", "x", "--project", "Agent 327"])
        .fails(2, "--shot does not apply to `ls shots`");
    env.run(&["ls", "task-types", "--type", "x"])
        .fails(2, "--type does not apply to `ls task-types`");
}

#[test]
fn search_persons_assets_and_shots() {
    let env = Env::logged_in();
    // The mock has no search index: answer as Zou does.
    let body = json!({"persons": [{"id": env.world.artist, "first_name": "Alice", "last_name": "Artist"}],
                      "assets": [{"id": env.world.asset, "name": "Hero"}], "shots": []});
    env.mock.faults().respond(
        Method::POST,
        "data/search",
        200,
        [("content-type", "application/json")],
        body.to_string(),
        1,
    );
    let out = env.run(&["search", "al", "--project", "Agent 327", "-o", "tsv"]);
    assert_eq!(
        env.redact(out.ok()),
        "person\tAlice Artist\t<artist>\nasset\tHero\t<asset>\n"
    );
}
