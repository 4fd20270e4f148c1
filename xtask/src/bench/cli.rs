//! `cargo xtask bench cli`: the `kitsu` command line against gazu-cli, measured the same way
//! (each as its own process, release build against the gazu venv's own python), against one
//! kitsu-mock on loopback: start-up (`--help`), two listings, and the latest preview of 100
//! tasks (`kitsu download previews -j 8` against a loop over gazu, since gazu-cli has no
//! download). Its section of docs/benchmarks.md lies between two marked comment lines; this
//! task rewrites only that section.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Instant;

use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};

use super::report::{self, Measure};
use super::{Run, ensure_packages, target_dir};
use crate::gazu;
use crate::sh::{Fallible, output, run};

/// The gazu loop of the download workload.
const GAZU_DOWNLOAD: &str = include_str!("gazu_download.py");
/// The seeded project: 10 sequences of 10 shots, an Animation task on each with a 1 MiB
/// picture preview (as `cargo run -p kitsu-cli --example mock_server` seeds it).
pub const PROJECT: &str = "Agent 327";
/// Tasks, so previews to download.
pub const TASKS: usize = 100;
/// Size of each preview.
pub const PREVIEW_BYTES: usize = 1024 * 1024;
/// Runs of each contender on each start-up or listing workload.
pub const QUICK_RUNS: usize = 15;
/// Runs of each contender on the download workload.
pub const DOWNLOAD_RUNS: usize = 5;

/// A kitsu-mock serving the seeded production on its own thread and runtime (so that the
/// measuring, which blocks, never stalls it); stopped on drop.
struct Mock {
    url: String,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Mock {
    fn start() -> Fallible<Mock> {
        let (url_tx, url_rx) = mpsc::channel::<Result<String, String>>();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    let _ = url_tx.send(Err(error.to_string()));
                    return;
                }
            };
            runtime.block_on(async move {
                let started = MockKitsu::builder().seed(seed).start().await;
                let mock = match started {
                    Ok(mock) => mock,
                    Err(error) => {
                        let _ = url_tx.send(Err(format!("kitsu-mock: {error}")));
                        return;
                    }
                };
                let _ = url_tx.send(Ok(mock.base_url()));
                let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
                mock.stop().await;
            });
        });
        let url = url_rx
            .recv()
            .map_err(|_| "kitsu-mock's thread ended before it started".to_owned())??;
        Ok(Mock {
            url,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn seed(seed: &mut kitsu_mock::Seeder<'_>) {
    let project = seed.project(PROJECT);
    let animation = seed.task_type("Animation");
    for s in 1..=10 {
        let sequence = seed.sequence(&project, &format!("SQ{s:02}"));
        for n in 1..=10 {
            let shot = seed.shot(&project, &sequence, &format!("SH{:03}", n * 10));
            let task = seed.task(&shot, &animation);
            seed.preview(&task, "png", vec![(n + s) as u8; PREVIEW_BYTES]);
        }
    }
}

/// The two tools, logged in to the mock, each in the same private home.
struct Tools {
    dir: PathBuf,
    kitsu: PathBuf,
    gazu_cli: PathBuf,
    gazu_python: PathBuf,
    gazu_script: PathBuf,
}

impl Tools {
    /// A command of either tool, with the private home and no KITSU_* or GAZU_* settings
    /// from the caller's environment.
    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        for (name, _) in std::env::vars_os() {
            let name_text = name.to_string_lossy();
            if name_text.starts_with("KITSU_") || name_text.starts_with("GAZU_") {
                command.env_remove(&name);
            }
        }
        command
            .env("HOME", self.dir.join("home"))
            .env("KITSU_CONFIG_DIR", self.dir.join("kitsu-config"))
            .env("NO_COLOR", "1");
        command
    }

    /// One run under GNU time: wall seconds by our clock around the process, CPU and peak
    /// RSS by GNU time. Fails if the command does.
    fn timed(&self, program: &Path, args: &[&str]) -> Fallible<Run> {
        let time_file = self.dir.join("time.txt");
        let mut command = self.command(Path::new("/usr/bin/time"));
        command
            .arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&time_file)
            .arg(program)
            .args(args);
        let started = Instant::now();
        output(&mut command)?;
        let wall = started.elapsed().as_secs_f64();
        let times = std::fs::read_to_string(&time_file).map_err(|e| e.to_string())?;
        let numbers: Vec<f64> = times
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        Ok(Run {
            seconds: wall,
            wall,
            cpu: numbers.first().unwrap_or(&0.0) + numbers.get(1).unwrap_or(&0.0),
            rss_mib: numbers.get(2).unwrap_or(&0.0) / 1024.0,
            ..Run::default()
        })
    }

    fn log_in(&self, url: &str) -> Fallible {
        let mut kitsu = self.command(&self.kitsu);
        kitsu
            .args(["--host", url, "login", "--email", ADMIN_EMAIL])
            .env("KITSU_PASSWORD", ADMIN_PASSWORD)
            .stdin(Stdio::null());
        output(&mut kitsu)?;
        let mut gazu = self.command(&self.gazu_cli);
        gazu.args([
            "login",
            "--host",
            url,
            "--email",
            ADMIN_EMAIL,
            "--password",
            ADMIN_PASSWORD,
        ]);
        output(&mut gazu)?;
        Ok(())
    }
}

/// A contender of one workload: its name, program and arguments.
type Contender<'a> = (&'static str, &'a Path, Vec<&'a str>);

/// Runs each contender once untimed (the page cache warm for both), then `runs` rounds of
/// one run each, round-robin; `before` runs untimed before every run, `after` checks it.
fn workload(
    tools: &Tools,
    id: &'static str,
    runs: usize,
    contenders: &[Contender<'_>],
    before: &dyn Fn() -> Fallible,
    after: &dyn Fn(&str) -> Fallible,
) -> Fallible<Vec<Measure>> {
    let mut results: Vec<Vec<Run>> = contenders.iter().map(|_| Vec::new()).collect();
    for (name, program, args) in contenders {
        before()?;
        tools.timed(program, args)?;
        after(name)?;
    }
    for _ in 0..runs {
        for ((name, program, args), results) in contenders.iter().zip(&mut results) {
            before()?;
            results.push(tools.timed(program, args)?);
            after(name)?;
        }
    }
    Ok(contenders
        .iter()
        .zip(results)
        .map(|((name, _, _), runs)| Measure::new(id, name, runs))
        .collect())
}

/// Builds `kitsu` (release), installs gazu-cli, starts the mock and measures every CLI
/// workload (C1…C4).
pub fn measures(workspace: &Path) -> Fallible<Vec<Measure>> {
    ensure_packages()?;
    let gazu_cli = gazu::cli()?;
    let gazu_python = gazu::python()?;
    println!("bench cli: building kitsu (release)");
    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(workspace)
            .args([
                "build",
                "--quiet",
                "--release",
                "--locked",
                "--package",
                "kitsu-cli",
                "--bin",
                "kitsu",
            ]),
    )?;
    let kitsu = target_dir(workspace).join("release/kitsu");
    let dir = std::env::temp_dir().join(format!("kitsu-rs-bench-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("home")).map_err(|e| e.to_string())?;
    let gazu_script = dir.join("gazu_download.py");
    std::fs::write(&gazu_script, GAZU_DOWNLOAD).map_err(|e| e.to_string())?;
    let tools = Tools {
        dir: dir.clone(),
        kitsu,
        gazu_cli,
        gazu_python,
        gazu_script,
    };
    let result = (|| {
        let mock = Mock::start()?;
        tools.log_in(&mock.url)?;
        let measures = all_workloads(&tools);
        drop(mock);
        measures
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn all_workloads(tools: &Tools) -> Fallible<Vec<Measure>> {
    let nothing = || Ok(());
    let fine = |_: &str| Ok(());
    let (kitsu, gazu_cli) = (tools.kitsu.as_path(), tools.gazu_cli.as_path());
    let mut measures = Vec::new();
    println!("bench cli: C1 --help");
    measures.extend(workload(
        tools,
        "C1",
        QUICK_RUNS,
        &[
            ("kitsu", kitsu, vec!["--help"]),
            ("gazu-cli", gazu_cli, vec!["--help"]),
        ],
        &nothing,
        &fine,
    )?);
    println!("bench cli: C2 list the open projects");
    measures.extend(workload(
        tools,
        "C2",
        QUICK_RUNS,
        &[
            ("kitsu", kitsu, vec!["ls", "projects"]),
            ("gazu-cli", gazu_cli, vec!["projects"]),
        ],
        &nothing,
        &fine,
    )?);
    println!("bench cli: C3 list a project's {TASKS} shots");
    measures.extend(workload(
        tools,
        "C3",
        QUICK_RUNS,
        &[
            ("kitsu", kitsu, vec!["ls", "shots", "--project", PROJECT]),
            ("gazu-cli", gazu_cli, vec!["shots", "--project", PROJECT]),
        ],
        &nothing,
        &fine,
    )?);
    println!("bench cli: C4 download the latest preview of {TASKS} tasks");
    let target = tools.dir.join("previews");
    let target_text = target.display().to_string();
    let script = tools.gazu_script.display().to_string();
    // Every run starts from an empty folder (nothing to skip) after an untimed `sync`, and
    // must leave every preview whole.
    let before = || {
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(|e| e.to_string())?;
        }
        run(&mut Command::new("sync"))
    };
    let after = |name: &str| {
        let files: Vec<u64> = std::fs::read_dir(&target)
            .map_err(|e| format!("C4 {name}: {e}"))?
            .filter_map(|entry| entry.ok()?.metadata().ok().map(|m| m.len()))
            .collect();
        if files.len() != TASKS || files.iter().any(|&len| len != PREVIEW_BYTES as u64) {
            return Err(format!(
                "C4 {name} left {} files (sizes {:?}…), not {TASKS} of {PREVIEW_BYTES} bytes",
                files.len(),
                files.iter().take(3).collect::<Vec<_>>()
            ));
        }
        Ok(())
    };
    let kitsu_download = |jobs: &'static str| {
        vec![
            "download",
            "previews",
            "--project",
            PROJECT,
            "--latest",
            "-j",
            jobs,
            "--dir",
            target_text.as_str(),
        ]
    };
    measures.extend(workload(
        tools,
        "C4",
        DOWNLOAD_RUNS,
        &[
            ("kitsu -j 8", kitsu, kitsu_download("8")),
            ("kitsu -j 1", kitsu, kitsu_download("1")),
            (
                "gazu loop",
                tools.gazu_python.as_path(),
                vec![script.as_str(), PROJECT, target_text.as_str()],
            ),
        ],
        &before,
        &after,
    )?);
    let _ = std::fs::remove_dir_all(&target);
    Ok(measures)
}

/// `cargo xtask bench cli`: measures C1…C4 and rewrites their section of docs/benchmarks.md
/// (between its marked comment lines; added before the targets if it is not there yet),
/// comparing the download ratio with the library's (W3) in the same file.
pub fn cli(workspace: &Path) -> Fallible {
    let started = Instant::now();
    let measures = measures(workspace)?;
    let path = workspace.join("docs/benchmarks.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let library = report::library_download_ratio_in(&doc);
    let section = report::cli_section(&measures, library, Some(started.elapsed().as_secs_f64()));
    std::fs::write(&path, report::splice_cli(&doc, &section)).map_err(|e| e.to_string())?;
    println!("\n{section}");
    println!("written: the CLI section of docs/benchmarks.md");
    Ok(())
}
