//! What a person sees at a terminal: the interactive login (the password not echoed, the
//! two-factor code asked when the server wants one) and a progress bar, driven through a real
//! pseudo-terminal.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use http::Method;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD};
use rexpect::session::spawn_command;
use support::{Env, temp_dir};

const TIMEOUT_MS: u64 = 20_000;

#[test]
fn interactive_login_hides_the_password_and_asks_for_the_second_factor() {
    let env = Env::new();
    // The account has an authenticator app: the first login attempt is refused for a missing
    // second factor, as Zou answers it, and only the right code lets it in.
    env.mock.seed(|s| {
        let me = s.admin();
        s.require_second_factor(&me, "totp", "123456");
    });
    let mut command = env.command(&["login"]);
    command.stdin(std::process::Stdio::inherit());
    let mut session = spawn_command(command, Some(TIMEOUT_MS)).unwrap();
    session.exp_string("Email: ").unwrap();
    session.send_line(ADMIN_EMAIL).unwrap();
    session.exp_string("Password: ").unwrap();
    session.send_line(ADMIN_PASSWORD).unwrap();
    let between = session.exp_string("Two-factor code: ").unwrap();
    assert!(
        !between.contains(ADMIN_PASSWORD),
        "the password was echoed: {between:?}"
    );
    session.send_line("123456").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("Logged in to"), "{rest:?}");
    assert!(rest.contains("Super Admin"), "{rest:?}");
    assert!(!rest.contains(ADMIN_PASSWORD));
    assert_eq!(env.mock.count(Method::POST, "auth/login"), 2);
    let profile = &env.profiles()["profiles"]["default"];
    assert_eq!(profile["email"], ADMIN_EMAIL);
}

#[test]
fn publish_shows_a_progress_bar_on_a_terminal() {
    let env = Env::logged_in();
    let dir = temp_dir("pty-publish");
    let movie = dir.join("layout_v1.png");
    std::fs::write(&movie, vec![1u8; 3 * 1024 * 1024]).unwrap();
    // Slow enough that the bar is drawn.
    env.mock
        .faults()
        .latency("pictures/preview-files/*", Duration::from_millis(600));
    env.mock.faults().respond(
        Method::PUT,
        "actions/preview-files/*",
        200,
        [("content-type", "application/json")],
        "{}",
        1,
    );
    let mut session = spawn_command(
        env.command(&[
            "publish",
            "SH010/Animation",
            movie.to_str().unwrap(),
            "--project",
            "Agent 327",
            "-o",
            "ids",
        ]),
        Some(TIMEOUT_MS),
    )
    .unwrap();
    let screen = session.exp_eof().unwrap();
    assert!(screen.contains("uploading"), "{screen:?}");
    assert!(screen.contains("MiB"), "{screen:?}");
    assert!(screen.contains("Published"), "{screen:?}");
}
