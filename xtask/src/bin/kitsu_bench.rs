//! The kitsu-rs contender of `cargo xtask bench`: one workload, timed, as a user would write it.
//!
//! `kitsu-bench <workload> <base-url> <email> <password> [argument]` prints
//! `{"seconds": …, "requests": …, "bytes": …}` for the timed part (after login).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use futures_util::future::try_join_all;
use kitsu::Query;
use kitsu::models::{Shot, Task};
use serde_json::{Value, json};

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

/// Requests answered and body bytes declared (`Content-Length`) on the wire.
#[derive(Clone, Debug, Default)]
struct Wire {
    requests: Arc<AtomicU64>,
    bytes: Arc<AtomicU64>,
}

type Seen = kitsu::transport::http::Response<kitsu::transport::ResponseBody>;

impl Wire {
    fn layer(
        &self,
    ) -> tower::util::MapResponseLayer<impl Fn(Seen) -> Seen + Clone + Send + Sync + use<>> {
        let (requests, bytes) = (self.requests.clone(), self.bytes.clone());
        tower::util::MapResponseLayer::new(move |response: Seen| {
            let length = response
                .headers()
                .get(kitsu::transport::http::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse().ok())
                .unwrap_or(0);
            requests.fetch_add(1, Ordering::Relaxed);
            bytes.fetch_add(length, Ordering::Relaxed);
            response
        })
    }

    fn totals(&self) -> (u64, u64) {
        (
            self.requests.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }
}

/// A current-thread runtime, as the facade's docs recommend for fan-outs of small calls (and as
/// gazu.aio's one asyncio loop is).
#[tokio::main(flavor = "current_thread")]
async fn main() -> Fallible<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [workload, base, email, password, rest @ ..] = args.as_slice() else {
        return Err(
            "usage: kitsu-bench <workload> <base-url> <email> <password> [argument]".into(),
        );
    };
    let argument = rest.first().cloned().unwrap_or_default();
    // W7 counts what comes back on the wire (a layer just above the HTTP client).
    let wire = (workload == "repeat-read").then(Wire::default);
    let started = Instant::now();
    let mut transport = kitsu::Transport::builder(base.as_str());
    if let Some(wire) = &wire {
        transport = transport.layer(wire.layer());
    }
    let kitsu = kitsu::Kitsu::log_in(
        transport.build()?,
        kitsu::Credentials::new(email, password.as_str()),
    )
    .await?;
    let login_seconds = started.elapsed().as_secs_f64();
    let before_work = wire.as_ref().map(Wire::totals).unwrap_or_default();
    let started = Instant::now();
    let (requests, bytes) = match workload.as_str() {
        // W1 / W6: list the shots of a project, then the tasks of every shot, all at once
        // (the client bounds what is in flight); `argument` rounds of it.
        "fan-out" => {
            let rounds: usize = argument.parse().unwrap_or(1);
            let projects: Vec<Value> = kitsu.fetch_all("data/projects/open").await?;
            let project = projects
                .first()
                .and_then(|p| p["id"].as_str())
                .ok_or("no open project")?
                .to_owned();
            let mut requests = 1;
            for _ in 0..rounds {
                let shots: Vec<Shot> = kitsu
                    .fetch_all(format!("data/projects/{project}/shots"))
                    .await?;
                let tasks = try_join_all(shots.iter().map(|shot| {
                    let kitsu = kitsu.clone();
                    async move {
                        kitsu
                            .get::<Vec<Task>>(&format!("data/shots/{}/tasks", shot.id))
                            .await
                    }
                }))
                .await?;
                requests += 1 + tasks.len();
            }
            (requests, 0)
        }
        // W2: every task of a 50,000-task list, typed.
        "big-list" => {
            let tasks: Vec<Task> = kitsu.fetch_all("data/tasks").await?;
            (1, tasks.len() as u64)
        }
        // W3: a large file to disk.
        "download" => {
            let written = kitsu
                .download("movies/originals/preview-files/big.mp4", &argument)
                .await?;
            (1, written)
        }
        // W4: a large file as multipart.
        "upload" => {
            let size = std::fs::metadata(&argument)?.len();
            kitsu
                .upload("pictures/preview-files/big", kitsu::Upload::file(&argument))
                .await?;
            (1, size)
        }
        // W5: 1,000 concurrent PUTs (batch update).
        "batch-update" => {
            let shots: Vec<Shot> = kitsu
                .get_with("data/projects/bench/shots", &Query::new())
                .await?;
            let shots = &shots[..shots.len().min(1000)];
            try_join_all(shots.iter().map(|shot| {
                let kitsu = kitsu.clone();
                async move {
                    kitsu
                        .put::<Value>(
                            &format!("data/shots/{}", shot.id),
                            &json!({"data": {"status": "active"}}),
                        )
                        .await
                }
            }))
            .await?;
            (shots.len() + 1, 0)
        }
        // W7: a pipeline tool's repeated read of one production: the reference data and the
        // project's boards, `rounds` times, cache `on` or `off`. `argument` is
        // `<project id>,<rounds>,<on|off>`; what is reported is what came on the wire.
        "repeat-read" => {
            let mut parts = argument.split(',');
            let project = parts.next().ok_or("no project id")?.to_owned();
            let rounds: usize = parts.next().ok_or("no rounds")?.parse()?;
            let kitsu = match parts.next() {
                Some("on") => kitsu.clone().with_cache(kitsu::Cache::default()),
                Some("off") => kitsu.clone(),
                other => return Err(format!("cache on or off, not {other:?}").into()),
            };
            let board = format!("data/shots/with-tasks?project_id={project}");
            let tasks = format!("data/projects/{project}/tasks");
            let (types, statuses) = (kitsu.task_types(), kitsu.task_statuses());
            let (asset_types, projects) = (kitsu.asset_types(), kitsu.projects());
            for _ in 0..rounds {
                let (_, _, _, _, shots, tasks) = tokio::try_join!(
                    types.list(),
                    statuses.list(),
                    asset_types.list(),
                    projects.open(),
                    kitsu.fetch_all::<Shot>(&board),
                    kitsu.fetch_all::<Task>(&tasks),
                )?;
                if shots.is_empty() || tasks.is_empty() {
                    return Err("the production has no shots or no tasks".into());
                }
            }
            let (requests, bytes) = wire.as_ref().map(Wire::totals).unwrap_or_default();
            ((requests - before_work.0) as usize, bytes - before_work.1)
        }
        other => return Err(format!("unknown workload {other}").into()),
    };
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"seconds": seconds, "requests": requests, "bytes": bytes, "login_seconds": login_seconds})
    );
    kitsu.close().await?;
    Ok(())
}
