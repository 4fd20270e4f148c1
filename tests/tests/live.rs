//! The scenarios against a real Zou. Run by `cargo xtask live`, which starts one and sets:
//! `KITSU_LIVE_HOST`, `KITSU_LIVE_EMAIL`, `KITSU_LIVE_PASSWORD`, `KITSU_LIVE_SHORT_TTL_HOST`,
//! `KITSU_LIVE_SHORT_TTL_SECONDS`, `KITSU_LIVE_MOVIE`, `KITSU_LIVE_EVENTS_URL`,
//! `KITSU_LIVE_EVENTS_PID_FILE`, `KITSU_LIVE_EVENTS_START`.
#![cfg(feature = "live")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use std::sync::Arc;

use kitsu_tests::backend::{Backend, EventOutage};
use kitsu_tests::{events, scenarios};
use serde_json::Value;

fn var(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the live suite with `cargo xtask live`"))
}

fn backend() -> Backend {
    let ttl: u64 = var("KITSU_LIVE_SHORT_TTL_SECONDS").parse().unwrap();
    Backend {
        name: "zou",
        base_url: var("KITSU_LIVE_HOST"),
        admin_email: var("KITSU_LIVE_EMAIL"),
        admin_password: var("KITSU_LIVE_PASSWORD"),
        short_ttl: Some((var("KITSU_LIVE_SHORT_TTL_HOST"), Duration::from_secs(ttl))),
        movie: Some(std::fs::read(var("KITSU_LIVE_MOVIE")).expect("the fixture movie")),
        transcodes: true,
        events_url: Some(var("KITSU_LIVE_EVENTS_URL")),
        event_outage: Some(EventOutage {
            stop: Arc::new(kill_event_server),
            start: Arc::new(start_event_server),
        }),
    }
}

/// Kills Zou's event server, worker and master (SIGKILL: no goodbye to
/// the sockets), and waits until nothing listens on its port.
fn kill_event_server() {
    let pid = std::fs::read_to_string(var("KITSU_LIVE_EVENTS_PID_FILE")).unwrap();
    let pid = pid.trim();
    // The worker first (it holds the sockets), then the master, so none is restarted.
    let _ = std::process::Command::new("pkill")
        .args(["-KILL", "-P", pid])
        .status();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", pid])
        .status()
        .unwrap();
    assert!(killed.success(), "kill -KILL {pid}");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(event_server_address()).is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the event server survived"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_file(var("KITSU_LIVE_EVENTS_PID_FILE"));
}

fn event_server_address() -> String {
    var("KITSU_LIVE_EVENTS_URL")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned()
}

/// Starts it again with the script `cargo xtask zou up` wrote, and waits until it listens.
fn start_event_server() {
    let started = std::process::Command::new("sh")
        .arg(var("KITSU_LIVE_EVENTS_START"))
        .status()
        .unwrap();
    assert!(started.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(event_server_address()).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the event server did not come back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test]
async fn quickstart() {
    scenarios::quickstart(&backend()).await.unwrap();
}

#[tokio::test]
async fn production() {
    scenarios::production(&backend()).await.unwrap();
}

#[tokio::test]
async fn previews() {
    scenarios::previews(&backend()).await.unwrap();
}

#[tokio::test]
async fn error_kinds() {
    scenarios::error_kinds(&backend()).await.unwrap();
}

#[tokio::test]
async fn logout_and_bots() {
    scenarios::logout_and_bots(&backend()).await.unwrap();
}

#[tokio::test]
async fn cache() {
    scenarios::cache(&backend()).await.unwrap();
}

#[tokio::test]
async fn refresh_under_load() {
    scenarios::refresh_under_load(&backend()).await.unwrap();
}

#[tokio::test]
async fn events_live_and_after_an_outage() {
    events::events_live_and_after_an_outage(&backend())
        .await
        .unwrap();
}

#[tokio::test]
async fn events_after_token_expiry() {
    events::events_after_token_expiry(&backend()).await.unwrap();
}

#[tokio::test]
async fn events_wrong_token() {
    events::events_wrong_token(&backend()).await.unwrap();
}

#[tokio::test]
async fn no_expired_token_on_the_wire() {
    scenarios::no_expired_token_on_the_wire(&backend())
        .await
        .unwrap();
}

/// The peak resident set of this process, from `/proc/self/status` (`VmHWM`), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Ten thousand GETs joined at once, through a proxy that counts the client's sockets, across
/// the short-token Zou's expiries and a burst of 503s: none fails, no more sockets than
/// in-flight slots are ever open, and the peak memory is printed.
#[tokio::test]
async fn soak_ten_thousand_gets_across_expiries_and_a_burst_of_503s() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use kitsu::transport::DEFAULT_MAX_IN_FLIGHT;
    use kitsu_tests::proxy::FaultProxy;
    use kitsu_tests::sockets::SocketSampler;

    let backend = backend();
    let (short_url, ttl) = backend.short_ttl.clone().unwrap();
    let proxy = FaultProxy::start(&short_url).await.unwrap();
    let transport = kitsu::Transport::builder(proxy.base_url()).build().unwrap();
    let kitsu = kitsu::Kitsu::log_in(
        transport,
        kitsu::Credentials::new(&backend.admin_email, &backend.admin_password),
    )
    .await
    .unwrap();
    let rss_before = peak_rss_kib();
    let sampler = SocketSampler::start(proxy.port(), Duration::from_millis(2));
    let started = std::time::Instant::now();
    let done = Arc::new(AtomicUsize::new(0));
    let calls = (0..10_000).map(|_| {
        let (kitsu, done) = (kitsu.clone(), done.clone());
        async move {
            // The answers are dropped: the peak memory is the client's, not ten thousand lists.
            let answer = kitsu.get::<Value>("data/task-status").await.map(drop);
            done.fetch_add(1, Ordering::SeqCst);
            answer
        }
    });
    let burst = async {
        while done.load(Ordering::SeqCst) < 3_000 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        proxy.fail_next(200);
    };
    let (answers, ()) =
        futures_util::future::join(futures_util::future::join_all(calls), burst).await;
    let elapsed = started.elapsed();
    let client_sockets = sampler.stop();
    let failures: Vec<_> = answers.iter().filter_map(|a| a.as_ref().err()).collect();
    let refreshes = kitsu.session().transport().token().refresh_count();
    println!(
        "soak: {} GETs in {:.1} s ({:.0}/s), {} failed; {} injected 503s; {} refreshes \
         ({} s tokens); {} requests forwarded; client sockets: at most {} open at once \
         (sampled), {} opened in all; the proxy saw at most {} (max_in_flight {}); \
         peak RSS {} MiB (before the GETs: {} MiB)",
        answers.len(),
        elapsed.as_secs_f64(),
        answers.len() as f64 / elapsed.as_secs_f64(),
        failures.len(),
        proxy.injected(),
        refreshes,
        ttl.as_secs(),
        proxy.forwarded(),
        client_sockets,
        proxy.accepted_connections(),
        proxy.peak_connections(),
        DEFAULT_MAX_IN_FLIGHT,
        peak_rss_kib() / 1024,
        rss_before / 1024,
    );
    assert!(failures.is_empty(), "first failure: {}", failures[0]);
    assert_eq!(proxy.injected(), 200, "the burst happened");
    assert!(refreshes >= 1, "the run spans an expiry");
    assert!(
        client_sockets <= DEFAULT_MAX_IN_FLIGHT,
        "{client_sockets} sockets open at once"
    );
    kitsu.close().await.unwrap();
}

#[tokio::test]
async fn every_route_the_client_calls_exists_in_zous_openapi() {
    use kitsu::Resource;
    use kitsu::models::*;

    let backend = backend();
    let kitsu = backend.admin().await.unwrap();
    let spec: Value = kitsu.get("openapi.json").await.unwrap();
    kitsu.close().await.unwrap();
    // Each path of the description, normalised, with the methods it lists.
    let known: std::collections::HashMap<String, Vec<String>> = spec["paths"]
        .as_object()
        .expect("an OpenAPI paths object")
        .iter()
        .map(|(path, item)| {
            let methods = item
                .as_object()
                .map(|item| item.keys().map(|m| m.to_uppercase()).collect())
                .unwrap_or_default();
            (kitsu::routes::normalise(path), methods)
        })
        .collect();
    // The generic CRUD routes stand for every collection a model (or a scenario) uses.
    let collections = [
        Project::COLLECTION,
        ProjectStatus::COLLECTION,
        TaskType::COLLECTION,
        TaskStatus::COLLECTION,
        AssetType::COLLECTION,
        Sequence::COLLECTION,
        Shot::COLLECTION,
        Asset::COLLECTION,
        Task::COLLECTION,
        Person::COLLECTION,
        Comment::COLLECTION,
        PreviewFile::COLLECTION,
        "entity-types",
    ];
    // Every collection is read; these are the collections the handles and scenarios write
    // through the generic routes (the others Zou keeps read-only there: shots, sequences and
    // assets are created under their project).
    let writes = [
        (
            "POST",
            "data/{collection}",
            &["projects", "task-status", "persons", "entity-types"][..],
        ),
        (
            "PUT",
            "data/{collection}/{id}",
            &["projects", "task-status", "shots", "tasks"][..],
        ),
        (
            "DELETE",
            "data/{collection}/{id}",
            &[
                "projects",
                "task-status",
                "persons",
                "shots",
                "entity-types",
            ][..],
        ),
    ];
    let mut missing = Vec::new();
    for route in kitsu::routes::ROUTES {
        let uses: Vec<(String, &kitsu::transport::http::Method)> = if route.is_generic() {
            route
                .methods
                .iter()
                .flat_map(|method| {
                    let written = writes
                        .iter()
                        .find(|(m, t, _)| *m == method.as_str() && *t == route.template)
                        .map(|(_, _, names)| names.to_vec());
                    let names = if method == kitsu::transport::http::Method::GET {
                        collections.to_vec()
                    } else {
                        written.unwrap_or_default()
                    };
                    names
                        .into_iter()
                        .map(move |name| (route.template.replace("{collection}", name), method))
                })
                .collect()
        } else {
            route
                .methods
                .iter()
                .map(|method| (route.template.to_owned(), method))
                .collect()
        };
        for (template, method) in uses {
            let normalised = kitsu::routes::normalise(&template);
            {
                let listed = known
                    .get(&normalised)
                    .is_some_and(|methods| methods.iter().any(|m| m == method.as_str()));
                if !listed {
                    missing.push(format!("{method} /{template} ({})", route.name));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes the client calls that Zou's OpenAPI does not list: {missing:#?}"
    );
}
