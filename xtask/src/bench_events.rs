//! `cargo xtask bench events [idle-minutes]`: what the event stream costs and how fast it is.
//!
//! - **Firehose** (kitsu-mock): 200,000 events published as fast as the mock can, one stream
//!   filtering them by project and name (one in ten passes, decoded typed); events per second
//!   received, CPU per event, RSS.
//! - **Delay** (the running Zou): 300 task updates (`PUT data/tasks/<id>`), each timed from just
//!   before the request to the `task:update` event in the stream: median and p99.
//! - **Idle** (the running Zou, optional, run first so the process's RSS is the stream's): the
//!   stream left idle, polled, for N minutes with Zou's pings: RSS before and after,
//!   reconnections.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use kitsu::events::{EventData, EventName};
use kitsu::ids::ProjectId;
use kitsu::models::Task;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use serde_json::json;

use crate::sh::Fallible;
use crate::zou::Zou;

fn cpu_seconds() -> f64 {
    // utime + stime of this process, from /proc (clock ticks of 1/100 s on Linux).
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
            let ticks: f64 =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// Runs the three measures and prints them.
pub async fn bench_events(zou: &Zou, idle_minutes: u64) -> Fallible {
    let zou_up = zou.is_up().await;
    if zou_up {
        zou.ensure_events().await?;
        // First, while the process holds nothing else: its RSS is the stream's.
        if idle_minutes > 0 {
            idle(zou, idle_minutes).await?;
        }
    }
    firehose().await?;
    if zou_up {
        delay(zou).await?;
    } else {
        println!("events: Zou is not up (cargo xtask zou up): delay and idle skipped");
    }
    Ok(())
}

async fn firehose() -> Fallible {
    const EVENTS: usize = 200_000;
    let mock = MockKitsu::start().await.map_err(text)?;
    let kitsu = kitsu::create_session(&mock.base_url(), ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .map_err(text)?;
    let wanted = ProjectId::from_uuid(kitsu::ids::Uuid::from_u128(1));
    let other = ProjectId::from_uuid(kitsu::ids::Uuid::from_u128(2));
    let mut stream = kitsu
        .events()
        .name(EventName::TASK_STATUS_CHANGED)
        .project(wanted)
        .connect()
        .await
        .map_err(text)?;
    let server = mock.event_server();
    let task = "2f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a01";
    let status = "3f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a02";
    let publisher = tokio::task::spawn_blocking(move || {
        for n in 0..EVENTS {
            let (name, project) = match n % 10 {
                0 => ("task:status-changed", wanted),
                1..=4 => ("task:status-changed", other),
                _ => ("task:update", wanted),
            };
            server.emit(
                name,
                json!({"task_id": task, "new_task_status_id": status, "previous_task_status_id": status,
                       "person_id": null, "project_id": project}),
            );
        }
    });
    let rss_before = rss_mib();
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut delivered = 0;
    while delivered < EVENTS / 10 {
        let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(10), stream.next()).await
        else {
            break;
        };
        if let EventData::TaskStatusChanged(_) = event.map_err(text)?.data() {
            delivered += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    publisher.await.map_err(text)?;
    let stats = stream.stats();
    println!(
        "events firehose (mock, both ends in this process): {} received, {} delivered in {elapsed:.2} s = {:.0} events/s received; CPU {:.2} s for both ends ({:.1} µs per event); RSS {rss_before:.0} -> {:.0} MiB",
        stats.received,
        stats.delivered,
        stats.received as f64 / elapsed,
        cpu_seconds() - cpu_before,
        (cpu_seconds() - cpu_before) * 1e6 / stats.received.max(1) as f64,
        rss_mib(),
    );
    Ok(())
}

async fn delay(zou: &Zou) -> Fallible {
    const WRITES: usize = 300;
    let kitsu = kitsu::create_session(&zou.url(), &zou.email, &zou.password)
        .await
        .map_err(text)?;
    let project = kitsu
        .projects()
        .create_named(&format!(
            "events-bench {}",
            kitsu::ids::Uuid::new_v4().simple()
        ))
        .await
        .map_err(text)?;
    let animation = kitsu
        .task_types()
        .by_name("Animation")
        .await
        .map_err(text)?
        .ok_or("no Animation task type")?;
    let handle = kitsu.project(project.id);
    handle.add_task_type(animation.id).await.map_err(text)?;
    let sequence = handle.new_sequence("SQ01").await.map_err(text)?;
    let shot = handle.new_shot(sequence.id, "SH010").await.map_err(text)?;
    let tasks = handle
        .create_shot_tasks(animation.id)
        .only([shot.id])
        .await
        .map_err(text)?;
    let task: &Task = tasks.first().ok_or("no task created")?;
    let mut stream = kitsu
        .events()
        .url(zou.events_url())
        .name(EventName::TASK_UPDATE)
        .project(project.id)
        .connect()
        .await
        .map_err(text)?;
    let mut delays = Vec::with_capacity(WRITES);
    for n in 0..WRITES {
        let started = Instant::now();
        let _: serde_json::Value = kitsu
            .put(
                format!("data/tasks/{}", task.id),
                &json!({"priority": n % 4}),
            )
            .await
            .map_err(text)?;
        tokio::time::timeout(Duration::from_secs(10), stream.next())
            .await
            .map_err(|_| "no task:update within 10 s")?
            .ok_or("the stream ended")?
            .map_err(text)?;
        delays.push(started.elapsed());
    }
    delays.sort();
    let at = |q: f64| delays[((delays.len() - 1) as f64 * q).round() as usize];
    println!(
        "events delay (Zou, write sent -> event in the stream, {WRITES} writes): median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    );
    drop(stream);
    handle.delete_forever().await.map_err(text)?;
    kitsu.close().await.map_err(text)?;
    Ok(())
}

async fn idle(zou: &Zou, minutes: u64) -> Fallible {
    let kitsu = kitsu::create_session(&zou.url(), &zou.email, &zou.password)
        .await
        .map_err(text)?;
    // A filter nothing matches: the stream stays idle but for pings.
    let mut stream = kitsu
        .events()
        .url(zou.events_url())
        .name("main:test")
        .connect()
        .await
        .map_err(text)?;
    let before = rss_mib();
    let until = tokio::time::Instant::now() + Duration::from_secs(minutes * 60);
    if let Ok(item) = tokio::time::timeout_at(until, stream.next()).await {
        return Err(format!("the idle stream yielded {item:?}"));
    }
    println!(
        "events idle (Zou, {minutes} min, pings every 25 s): RSS {before:.1} -> {:.1} MiB, {} reconnections",
        rss_mib(),
        stream.stats().reconnects
    );
    kitsu.close().await.map_err(text)?;
    Ok(())
}
