//! `cargo xtask live`: the live suite against a real Zou.

use std::path::Path;
use std::process::Command;

use crate::demo;
use crate::sh::{Fallible, run};
use crate::zou::Zou;

/// Brings Zou up if it is not, runs the `live` test target, every example and the route
/// oracle against it, and brings down what it started, whatever the tests did.
pub async fn live(workspace: &Path, zou: &Zou) -> Fallible {
    let started_here = !zou.is_up().await;
    if started_here {
        zou.up().await?;
    }
    // A Zou started by another checkout: this one's fixtures may be missing.
    zou.ensure_fixtures()?;
    // A Zou started before the event server was part of `zou up` lacks it.
    let events_started_here = !started_here && zou.ensure_events().await?;
    // The cross-crate live tests, then the command line's.
    let tests = ["kitsu-tests", "kitsu-cli"]
        .into_iter()
        .try_for_each(|package| run(&mut live_tests(workspace, zou, package)));
    let examples = if tests.is_ok() {
        examples_on_demo(workspace, zou).await
    } else {
        Ok(())
    };
    // The route oracle: gazu's function and ours, for every covered function.
    let oracle = if tests.is_ok() && examples.is_ok() {
        match crate::oracle::check_cases(workspace, &[]) {
            Ok(()) => crate::oracle::run(workspace, zou, &[]).await,
            Err(error) => Err(error),
        }
    } else {
        Ok(())
    };
    if started_here {
        zou.down()?;
    } else if events_started_here {
        zou.stop_events()?;
    }
    tests.and(examples).and(oracle)
}

/// `cargo test` of a package's `live` test target, with the `KITSU_LIVE_*` variables that
/// point it at this Zou.
fn live_tests(workspace: &Path, zou: &Zou, package: &str) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .current_dir(workspace)
        .args([
            "test",
            "--locked",
            "--package",
            package,
            "--features",
            "live",
            "--test",
            "live",
        ])
        .env("KITSU_LIVE_HOST", zou.url())
        .env("KITSU_LIVE_EMAIL", &zou.email)
        .env("KITSU_LIVE_PASSWORD", &zou.password)
        .env("KITSU_LIVE_SHORT_TTL_HOST", zou.short_url())
        .env("KITSU_LIVE_SHORT_TTL_SECONDS", zou.short_ttl.to_string())
        .env("KITSU_LIVE_MOVIE", zou.movie())
        .env("KITSU_LIVE_EVENTS_URL", zou.events_url())
        .env("KITSU_LIVE_EVENTS_PID_FILE", zou.events_pid_file())
        .env("KITSU_LIVE_EVENTS_START", zou.events_start_script());
    command
}

/// The production the `production_setup` example builds.
const PRODUCTION_SETUP: &str = "Production setup example";

/// Seeds the examples' demo production (as the mock has it), runs every example on it, then
/// removes it.
async fn examples_on_demo(workspace: &Path, zou: &Zou) -> Fallible {
    let kitsu = kitsu::create_session(&zou.url(), &zou.email, &zou.password)
        .await
        .map_err(|e| format!("log in to seed the demo: {e}"))?;
    println!("live: seeding the examples' demo production");
    let project = demo::seed(&kitsu, &demo::examples(&zou.movie()))
        .await
        .map_err(|e| format!("seed the demo: {e}"))?;
    let ran = run_examples(workspace, zou);
    let mut removed = kitsu
        .project(project)
        .delete_forever()
        .await
        .map_err(|e| format!("remove the demo: {e}"));
    // production_setup builds a production of its own (get-or-create, so a rerun finds it).
    match kitsu.projects().by_name(PRODUCTION_SETUP).await {
        Ok(Some(made)) => {
            let gone = kitsu.project(made.id).delete_forever().await;
            removed = removed.and(gone.map_err(|e| format!("remove {PRODUCTION_SETUP}: {e}")));
        }
        Ok(None) => {}
        Err(e) => removed = removed.and(Err(format!("look for {PRODUCTION_SETUP}: {e}"))),
    }
    let closed = kitsu.close().await.map_err(|e| format!("log out: {e}"));
    ran.and(removed).and(closed)
}

/// Every example against the real Zou too.
fn run_examples(workspace: &Path, zou: &Zou) -> Fallible {
    let mut names: Vec<String> = std::fs::read_dir(workspace.join("crates/kitsu/examples"))
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            entry
                .file_name()
                .to_str()?
                .strip_suffix(".rs")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    for name in names {
        println!("--- example {name} against {}", zou.url());
        run(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .current_dir(workspace)
                .args([
                    "run",
                    "--quiet",
                    "--locked",
                    "--package",
                    "kitsu",
                    "--example",
                    &name,
                ])
                .env("KITSU_HOST", zou.url())
                .env("KITSU_EMAIL", &zou.email)
                .env("KITSU_PASSWORD", &zou.password)
                .env("KITSU_EVENTS_URL", zou.events_url())
                // watch_events writes the changes it then watches (on a seeded test Zou only).
                .env("KITSU_WATCH_DRIVE", "1"),
        )?;
    }
    Ok(())
}
