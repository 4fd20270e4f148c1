//! The kitsu-rs contender of `cargo xtask bench`: one workload, timed, as a user would write it.
//!
//! `kitsu-bench <workload> <base-url> <email> <password> [argument]` prints
//! `{"seconds": …, "requests": …, "bytes": …}` for the timed part (after login).

use std::time::Instant;

use futures_util::future::try_join_all;
use kitsu::Query;
use kitsu::models::{Shot, Task};
use serde_json::{Value, json};

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

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
    let started = Instant::now();
    let kitsu = kitsu::create_session(base, email, password).await?;
    let login_seconds = started.elapsed().as_secs_f64();
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
