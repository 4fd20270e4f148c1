//! `cargo xtask <task>`: project automation that needs nothing but cargo.
//!
//! Tasks are added by the issues that need them; an unknown task is an error that lists the
//! known ones.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  help      print this message";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    match task.as_deref() {
        None | Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("xtask: unknown task `{other}`\n\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}
