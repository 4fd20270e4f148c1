//! `cargo xtask <task>`: project automation that needs nothing but cargo (and root for Zou).

mod bench;
mod bench_events;
mod demo;
mod gazu;
mod live;
mod oracle;
mod parity;
mod sh;
mod shared_postgres;
mod zou;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  zou up      install what is missing and start a real Zou on 127.0.0.1 (needs root)
  zou down    stop what `zou up` started (PostgreSQL only if no other checkout or client uses it)
  zou reset   wipe Zou's database and files, then start it again
  zou env     print the KITSU_* variables that point tools at it
  live        run the live suite (and every example) against a real Zou
  bench       kitsu-rs vs gazu.aio vs wrk/curl; writes docs/benchmarks.md (needs root)
  bench events [idle-minutes]
              the event stream: firehose on the mock, write-to-event delay on Zou, an
              optional idle run with Zou's pings
  bench serve only the canned Kitsu of the benchmarks, until Ctrl-C, to profile a client on
  bench cli   only C1–C4: `kitsu` against gazu-cli (start-up, listings, 100 previews
              downloaded) on kitsu-mock; rewrites only its section of docs/benchmarks.md
  bench cache only W7 (a repeated read, cache off and on) on the running Zou; prints its table
  parity [--check-stale | --check]
              gazu's domain functions, their routes and our equivalents; writes
              docs/gazu-parity.md (--check-stale: fails if it is stale, as CI runs it;
              --check: also if a function is unmapped)
  oracle [--check-cases] [--module M]…
              the route oracle: gazu's function and ours, for every covered function of
              the proven modules, against the running Zou through a recording proxy; the
              wire must match (--check-cases: only check that every covered function has
              a case, no Zou needed)
  help        print this message

settings (environment): KITSU_ZOU_PORT (5000), KITSU_ZOU_SHORT_PORT (5001),
KITSU_ZOU_SHORT_TTL (5 seconds), KITSU_ZOU_REDIS_PORT (6399), KITSU_ZOU_VENV";

/// `oracle [--check-cases] [--module M]…`.
async fn oracle_task(workspace: &std::path::Path, zou: &zou::Zou, words: &[&str]) -> sh::Fallible {
    let mut modules = Vec::new();
    let mut only_check = false;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        match *word {
            "--check-cases" => only_check = true,
            "--module" => match words.next() {
                Some(module) => modules.push((*module).to_owned()),
                None => return Err("oracle: --module takes a gazu module's name".into()),
            },
            other => return Err(format!("oracle: unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    oracle::check_cases(workspace, &modules)?;
    if only_check {
        return Ok(());
    }
    oracle::run(workspace, zou, &modules).await
}

#[tokio::main]
async fn main() -> ExitCode {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let zou = zou::Zou::from_env(&workspace);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        [] | ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        ["zou", "up"] => zou.up().await,
        ["zou", "down"] => zou.down(),
        ["zou", "reset"] => zou.reset().await,
        ["zou", "env"] => {
            print!("{}", zou.env_lines());
            Ok(())
        }
        ["live"] => live::live(&workspace, &zou).await,
        ["parity"] => parity::parity(&workspace, parity::Mode::Write),
        ["parity", "--check-stale"] => parity::parity(&workspace, parity::Mode::CheckStale),
        ["parity", "--check"] => parity::parity(&workspace, parity::Mode::Check),
        ["oracle", rest @ ..] => oracle_task(&workspace, &zou, rest).await,
        ["bench"] => bench::bench(&workspace, &zou).await,
        ["bench", "serve"] => bench::serve().await,
        ["bench", "cli"] => bench::cli::cli(&workspace),
        ["bench", "cache"] => bench::cache(&workspace, &zou).await,
        ["bench", "events"] => bench_events::bench_events(&zou, 0).await,
        ["bench", "events", minutes] => match minutes.parse() {
            Ok(minutes) => bench_events::bench_events(&zou, minutes).await,
            Err(_) => Err(format!(
                "bench events takes a number of idle minutes, not {minutes:?}"
            )),
        },
        _ => Err(format!("unknown task `{}`\n\n{USAGE}", words.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
