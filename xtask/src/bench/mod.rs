//! `cargo xtask bench`: kitsu-rs against gazu.aio and against the wire's own limits (wrk,
//! curl), side by side, in one run; results in docs/benchmarks.md.

mod canned;
pub mod cli;
mod report;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

use kitsu::ids::ProjectId;

use crate::sh::{Fallible, exists, output, run};
use crate::zou::Zou;
use crate::{demo, gazu};

pub use report::Measure;

const GAZU_SCRIPT: &str = include_str!("gazu_bench.py");
/// Runs per contender and workload (the report gives the median and the range).
const RUNS: usize = 3;
const GIB: u64 = 1 << 30;

/// One run of one contender: what it reported and what GNU time measured.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// Seconds of the timed work (after login).
    pub seconds: f64,
    /// Seconds of the login before it.
    pub login_seconds: f64,
    /// Requests the work made.
    pub requests: f64,
    /// Bytes (or items) it moved.
    pub bytes: f64,
    /// CPU seconds of the whole process (user + system).
    pub cpu: f64,
    /// Peak resident memory in MiB.
    pub rss_mib: f64,
    /// Seconds from the start of the process to its end.
    pub wall: f64,
    /// An error the contender reported (gazu's upload defect).
    pub error: Option<String>,
}

struct Bench {
    dir: PathBuf,
    kitsu_bin: PathBuf,
    gazu_python: PathBuf,
    gazu_script: PathBuf,
}

const EMAIL: &str = "admin@example.com";
const PASSWORD: &str = "mysecretpassword";

impl Bench {
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", canned::PORT)
    }

    /// Runs `command` under GNU time; parses the JSON line it prints (if `json`).
    fn measure(&self, command: &mut Command, json: bool) -> Fallible<(Run, String)> {
        let time_file = self.dir.join("time.txt");
        let mut timed = Command::new("/usr/bin/time");
        timed
            .arg("-f")
            .arg("%U %S %M %e")
            .arg("-o")
            .arg(&time_file)
            .arg(command.get_program())
            .args(command.get_args());
        let stdout = output(&mut timed)?;
        let times = std::fs::read_to_string(&time_file).map_err(|e| e.to_string())?;
        let numbers: Vec<f64> = times
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let mut result = Run {
            cpu: numbers.first().unwrap_or(&0.0) + numbers.get(1).unwrap_or(&0.0),
            rss_mib: numbers.get(2).unwrap_or(&0.0) / 1024.0,
            wall: *numbers.get(3).unwrap_or(&0.0),
            ..Run::default()
        };
        if json {
            let line = stdout.lines().last().unwrap_or_default();
            let value: Value = serde_json::from_str(line)
                .map_err(|e| format!("{command:?} printed {line:?}: {e}"))?;
            result.seconds = value["seconds"].as_f64().unwrap_or(0.0);
            result.login_seconds = value["login_seconds"].as_f64().unwrap_or(0.0);
            result.requests = value["requests"].as_f64().unwrap_or(0.0);
            result.bytes = value["bytes"].as_f64().unwrap_or(0.0);
            result.error = value["error"].as_str().map(str::to_owned);
        }
        Ok((result, stdout))
    }

    fn kitsu(&self, base: &str, workload: &str, argument: &str) -> Fallible<Run> {
        let mut command = Command::new(&self.kitsu_bin);
        command.args([workload, base, EMAIL, PASSWORD, argument]);
        Ok(self.measure(&mut command, true)?.0)
    }

    fn gazu(&self, base: &str, workload: &str, argument: &str) -> Fallible<Run> {
        let mut command = Command::new(&self.gazu_python);
        command
            .arg(&self.gazu_script)
            .args([workload, base, EMAIL, PASSWORD, argument]);
        Ok(self.measure(&mut command, true)?.0)
    }

    /// The two clients, kitsu-rs then gazu.aio, on the same workload.
    fn both_clients(
        &self,
        workload_id: &'static str,
        base: &str,
        workload: &str,
        argument: &str,
    ) -> Fallible<Vec<Measure>> {
        Ok(vec![
            Measure::new(
                workload_id,
                "kitsu-rs",
                repeat(|| self.kitsu(base, workload, argument))?,
            ),
            Measure::new(
                workload_id,
                "gazu.aio",
                repeat(|| self.gazu(base, workload, argument))?,
            ),
        ])
    }

    fn wrk(&self, path: &str, connections: usize) -> Fallible<Run> {
        let mut command = Command::new("wrk");
        command.args([
            "-t",
            "2",
            "-c",
            &connections.to_string(),
            "-d",
            "5s",
            "-H",
            "Authorization: Bearer x",
        ]);
        command.arg(format!("{}{path}", self.base()));
        let (mut result, stdout) = self.measure(&mut command, false)?;
        let rate: f64 = stdout
            .lines()
            .find_map(|l| l.strip_prefix("Requests/sec:"))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("wrk printed no rate: {stdout}"))?;
        result.requests = rate * 5.0;
        result.seconds = 5.0;
        Ok(result)
    }

    fn curl(&self, args: &[&str], url: &str) -> Fallible<Run> {
        let mut command = Command::new("curl");
        command
            .args([
                "-s",
                "-H",
                "Authorization: Bearer x",
                "-w",
                "%{time_total} %{size_download} %{size_upload}",
            ])
            .args(args)
            .arg(url);
        let (mut result, stdout) = self.measure(&mut command, false)?;
        let numbers: Vec<f64> = stdout
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        // The whole process, not curl's own `time_total`: curl goes on for up to half a
        // second after the last byte of a big download (closing and releasing the file), and
        // whoever runs it waits for that too.
        result.seconds = result.wall.max(*numbers.first().unwrap_or(&0.0));
        result.bytes = numbers
            .get(1)
            .unwrap_or(&0.0)
            .max(*numbers.get(2).unwrap_or(&0.0));
        result.requests = 1.0;
        Ok(result)
    }
}

fn repeat(mut once: impl FnMut() -> Fallible<Run>) -> Fallible<Vec<Run>> {
    (0..RUNS).map(|_| once()).collect()
}

/// A contender of [`interleaved`]: its name and one run.
type Contender<'a> = (&'static str, &'a mut dyn FnMut() -> Fallible<Run>);

/// Runs of big-file workloads, round-robin (one run of each contender per round) and each after
/// a `sync` that is not timed: what one contender left in the page cache to write back is
/// never paid by the next, and a drift of the disk hits every contender alike.
fn interleaved(workload: &'static str, contenders: &mut [Contender<'_>]) -> Fallible<Vec<Measure>> {
    let mut runs: Vec<Vec<Run>> = contenders.iter().map(|_| Vec::new()).collect();
    for _ in 0..RUNS {
        for ((_, once), runs) in contenders.iter_mut().zip(&mut runs) {
            run(&mut Command::new("sync"))?;
            runs.push(once()?);
        }
    }
    Ok(contenders
        .iter()
        .zip(runs)
        .map(|((name, _), runs)| Measure::new(workload, name, runs))
        .collect())
}

/// Installs nginx, wrk, curl and GNU time from Debian's packages where missing.
fn ensure_packages() -> Fallible {
    let mut missing = Vec::new();
    for (program, package) in [
        ("nginx", "nginx-light"),
        ("wrk", "wrk"),
        ("curl", "curl"),
        ("/usr/bin/time", "time"),
    ] {
        if !exists(program) {
            missing.push(package);
        }
    }
    if !missing.is_empty() {
        println!("bench: installing {}", missing.join(", "));
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing))?;
    }
    Ok(())
}

/// The packages, the gazu venv and the kitsu-rs contender; returns the contender's binary
/// and the venv's python.
fn ensure_tools(workspace: &Path) -> Fallible<(PathBuf, PathBuf)> {
    ensure_packages()?;
    let python = gazu::python()?;
    Ok((build_contender(workspace)?, python))
}

/// Builds the kitsu-rs contender (release); returns its path.
fn build_contender(workspace: &Path) -> Fallible<PathBuf> {
    println!("bench: building the kitsu-rs contender (release)");
    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(workspace)
            .args([
                "build",
                "--quiet",
                "--release",
                "--locked",
                "--package",
                "xtask",
                "--bin",
                "kitsu-bench",
            ]),
    )?;
    Ok(target_dir(workspace).join("release/kitsu-bench"))
}

/// Cargo's target directory: `CARGO_TARGET_DIR` where it is set, else the workspace's.
fn target_dir(workspace: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| workspace.join("target"), PathBuf::from)
}

/// nginx serving the canned Kitsu from a temporary folder; stopped and removed on drop.
struct CannedServer {
    dir: PathBuf,
    big_list: u64,
}

impl CannedServer {
    fn start() -> Fallible<CannedServer> {
        let dir = std::env::temp_dir().join(format!("kitsu-rs-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let big_list = canned::write(&dir, GIB)?;
        run(Command::new("nginx")
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-p")
            .arg(&dir))?;
        Ok(CannedServer { dir, big_list })
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        let _ = run(Command::new("nginx")
            .arg("-c")
            .arg(self.dir.join("nginx.conf"))
            .arg("-p")
            .arg(&self.dir)
            .args(["-s", "stop"]));
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `cargo xtask bench serve`: the canned Kitsu alone, until Ctrl-C, to profile a client on.
pub async fn serve() -> Fallible {
    ensure_packages()?;
    let server = CannedServer::start()?;
    println!(
        "bench: the canned Kitsu is at {} (log in as {EMAIL} / {PASSWORD}); Ctrl-C stops it",
        format_args!("http://127.0.0.1:{}", canned::PORT)
    );
    println!(
        "  e.g. target/release/kitsu-bench fan-out http://127.0.0.1:{} {EMAIL} {PASSWORD} 9",
        canned::PORT
    );
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    drop(server);
    Ok(())
}

/// Runs every workload and writes docs/benchmarks.md.
pub async fn bench(workspace: &Path, zou: &Zou) -> Fallible {
    let started = Instant::now();
    let (kitsu_bin, gazu_python) = ensure_tools(workspace)?;
    let server = CannedServer::start()?;
    let gazu_script = server.dir.join("gazu_bench.py");
    std::fs::write(&gazu_script, GAZU_SCRIPT).map_err(|e| e.to_string())?;
    let big_list = server.big_list;
    let bench = Bench {
        dir: server.dir.clone(),
        kitsu_bin,
        gazu_python,
        gazu_script,
    };
    let results = run_workloads(&bench, big_list, zou).await;
    drop(server);
    let mut measures = results?;
    println!("bench: C1–C4 the command line against gazu-cli");
    measures.extend(cli::measures(workspace)?);
    measures.extend(criterion(workspace)?);
    report::write(
        workspace,
        &measures,
        started.elapsed().as_secs_f64(),
        big_list,
    )?;
    report::print_targets(&measures);
    Ok(())
}

async fn run_workloads(bench: &Bench, big_list: u64, zou: &Zou) -> Fallible<Vec<Measure>> {
    let base = bench.base();
    let mut measures = Vec::new();
    let rounds = (10_000 / (canned::SHOTS + 1)).to_string();

    println!("bench: W1 fan-out (10,000 GETs)");
    measures.extend(bench.both_clients("W1", &base, "fan-out", &rounds)?);
    measures.push(Measure::new(
        "W1",
        "wrk -c 32",
        repeat(|| bench.wrk("/data/shots/x/tasks", 32))?,
    ));

    println!(
        "bench: W2 big list ({} tasks, {:.1} MB)",
        canned::BIG_LIST,
        big_list as f64 / 1e6
    );
    measures.extend(bench.both_clients("W2", &base, "big-list", "")?);

    println!("bench: W3 download of 1 GiB");
    let target = bench.dir.join("downloaded.bin");
    let target_text = target.display().to_string();
    let download = format!("{base}/movies/originals/preview-files/big.mp4");
    measures.extend(interleaved(
        "W3",
        &mut [
            ("kitsu-rs", &mut || {
                bench.kitsu(&base, "download", &target_text)
            }),
            ("gazu.aio", &mut || {
                bench.gazu(&base, "download", &target_text)
            }),
            ("curl", &mut || bench.curl(&["-o", &target_text], &download)),
            // kitsu-rs makes a download durable (fsync before the rename); curl does not. The
            // same download made durable: curl, then `sync` of the file, both timed.
            ("curl, then sync", &mut || {
                let mut timed = bench.curl(&["-o", &target_text], &download)?;
                let started = Instant::now();
                run(Command::new("sync").arg(&target))?;
                timed.seconds += started.elapsed().as_secs_f64();
                Ok(timed)
            }),
        ],
    )?);
    let _ = std::fs::remove_file(&target);

    println!("bench: W4 upload of 1 GiB");
    let source = bench.dir.join("big.mp4").display().to_string();
    let upload = format!("{base}/pictures/preview-files/big");
    // Each upload must have reached the sink whole.
    let received = |name: &str, run: Run| {
        let received = canned::last_received(&bench.dir).unwrap_or(0);
        if received < GIB {
            return Err(format!(
                "W4: the server received {received} bytes from {name}, less than the file"
            ));
        }
        Ok(run)
    };
    measures.extend(interleaved(
        "W4",
        &mut [
            ("kitsu-rs", &mut || {
                received("kitsu-rs", bench.kitsu(&base, "upload", &source)?)
            }),
            ("gazu.aio", &mut || {
                received("gazu.aio", bench.gazu(&base, "upload", &source)?)
            }),
            ("curl", &mut || {
                let form = format!("file=@{source}");
                received(
                    "curl",
                    bench.curl(&["-o", "/dev/null", "-F", &form], &upload)?,
                )
            }),
        ],
    )?);

    println!("bench: W5 login then 1,000 concurrent PUTs");
    measures.extend(bench.both_clients("W5", &base, "batch-update", "")?);

    println!("bench: W6 N+1 over 500 shots on a real Zou");
    measures.extend(on_zou(bench, zou).await?);
    Ok(measures)
}

/// The seed's production for the N+1: 500 shots, each with an Animation task.
const N_PLUS_ONE: demo::Production<'static> = demo::Production {
    name: "bench N+1",
    sequences: 1,
    shots_per_sequence: 500,
    task_types: &["Animation"],
    movies: None,
    assets: &[],
};

/// W6: the seed's N+1 over 500 shots of a real Zou, kitsu-rs against gazu.aio.
async fn on_zou(bench: &Bench, zou: &Zou) -> Fallible<Vec<Measure>> {
    let started_here = !zou.is_up().await;
    if started_here {
        zou.up().await?;
    }
    let result = async {
        let kitsu = kitsu::create_session(&zou.url(), &zou.email, &zou.password)
            .await
            .map_err(|e| e.to_string())?;
        let project = demo::seed(&kitsu, &N_PLUS_ONE)
            .await
            .map_err(|e| e.to_string())?;
        let url = zou.url();
        let mut measures = bench.both_clients("W6", &url, "fan-out", "1")?;
        println!("bench: W7 repeated read of the same production, cache off and on");
        measures.extend(repeated_read(bench, &url, project)?);
        kitsu
            .project(project)
            .delete_forever()
            .await
            .map_err(|e| e.to_string())?;
        kitsu.close().await.map_err(|e| e.to_string())?;
        Ok::<_, String>(measures)
    }
    .await;
    if started_here {
        zou.down()?;
    }
    result
}

/// Rounds of W7's repeated read.
const REPEAT_ROUNDS: usize = 20;

/// W7: a pipeline tool reading the same production (reference data, the shots board, the
/// project's tasks) again and again, kitsu-rs with its cache off, then on.
fn repeated_read(bench: &Bench, url: &str, project: ProjectId) -> Fallible<Vec<Measure>> {
    ["off", "on"]
        .into_iter()
        .map(|cache| {
            let argument = format!("{project},{REPEAT_ROUNDS},{cache}");
            Ok(Measure::new(
                "W7",
                &format!("kitsu-rs, cache {cache}"),
                repeat(|| bench.kitsu(url, "repeat-read", &argument))?,
            ))
        })
        .collect()
}

/// `cargo xtask bench cache`: W7 alone, on the running Zou, with a production of its own
/// (created beside the others, removed after); prints its table for docs/benchmarks.md.
pub async fn cache(workspace: &Path, zou: &Zou) -> Fallible {
    if !zou.is_up().await {
        return Err(format!(
            "no Zou at {}: start one with `cargo xtask zou up`",
            zou.url()
        ));
    }
    let kitsu_bin = build_contender(workspace)?;
    let dir = std::env::temp_dir().join(format!("kitsu-rs-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let bench = Bench {
        dir: dir.clone(),
        kitsu_bin,
        gazu_python: PathBuf::new(),
        gazu_script: PathBuf::new(),
    };
    let kitsu = kitsu::create_session(&zou.url(), &zou.email, &zou.password)
        .await
        .map_err(|e| e.to_string())?;
    let name = format!("bench W7 {}", std::process::id());
    let production = demo::Production {
        name: &name,
        ..N_PLUS_ONE
    };
    println!("bench: seeding {} shots", production.shots_per_sequence);
    let project = demo::create(&kitsu, &production)
        .await
        .map_err(|e| e.to_string())?;
    println!("bench: W7 repeated read of the same production, cache off and on");
    let measures = repeated_read(&bench, &zou.url(), project);
    kitsu
        .project(project)
        .delete_forever()
        .await
        .map_err(|e| e.to_string())?;
    kitsu.close().await.map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    println!("\n{}", report::repeated_read_table(&measures?));
    Ok(())
}

/// The criterion micro-benchmarks: per-request cost of the client over raw hyper.
fn criterion(workspace: &Path) -> Fallible<Vec<Measure>> {
    println!("bench: criterion micro-benchmarks (client overhead over raw hyper)");
    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(workspace)
            .args([
                "bench",
                "--quiet",
                "--locked",
                "--package",
                "kitsu-api",
                "--bench",
                "overhead",
                "--",
                "--noplot",
            ]),
    )?;
    let mut measures = Vec::new();
    for name in ["raw_hyper", "transport", "client_typed"] {
        let path = target_dir(workspace)
            .join("criterion/per_request")
            .join(name)
            .join("new/estimates.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let median_ns = value["median"]["point_estimate"].as_f64().unwrap_or(0.0);
        let low = value["median"]["confidence_interval"]["lower_bound"]
            .as_f64()
            .unwrap_or(median_ns);
        let high = value["median"]["confidence_interval"]["upper_bound"]
            .as_f64()
            .unwrap_or(median_ns);
        measures.push(Measure::micro(
            name,
            median_ns / 1000.0,
            low / 1000.0,
            high / 1000.0,
        ));
    }
    Ok(measures)
}
