//! The gazu that kitsu-rs compares with (benchmarks, parity table), in its own venv kept across
//! clones on one machine (`~/.cache/kitsu-rs/gazu-<version>`).

use std::path::PathBuf;
use std::process::Command;

use crate::sh::{Fallible, output, run};

/// The gazu release kitsu-rs measures itself against.
pub const VERSION: &str = "1.3.1";

/// The venv's python, with `gazu[async,cli]==VERSION` installed first if it (or one of the
/// extras: gazu.aio's aiohttp, gazu-cli's click) is missing.
pub fn python() -> Fallible<PathBuf> {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    let venv = home.join(".cache/kitsu-rs").join(format!("gazu-{VERSION}"));
    let python = venv.join("bin/python");
    let installed = output(Command::new(&python).args([
        "-c",
        "import gazu, gazu.aio, gazu.cli; print(gazu.__version__)",
    ]));
    if installed.as_deref().map(str::trim) != Ok(VERSION) {
        println!(
            "xtask: installing gazu[async,cli]=={VERSION} into {}",
            venv.display()
        );
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("gazu[async,cli]=={VERSION}"),
        ]))?;
    }
    Ok(python)
}

/// gazu-cli, the command line gazu ships (its `cli` extra), in the venv of [`python`].
pub fn cli() -> Fallible<PathBuf> {
    let python = python()?;
    Ok(python.with_file_name("gazu-cli"))
}
