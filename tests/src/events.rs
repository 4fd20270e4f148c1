//! The live-event scenarios: writes arrive as events, an outage is replayed, an expired token
//! is refreshed, a wrong one is an error.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use kitsu::events::{Event, EventData, EventName, EventStream, EventsError, RowAction};
use kitsu::{Credentials, Kitsu, Session, Transport};

use crate::backend::Backend;
use crate::scenarios::Production;

/// The next event within `limit`.
async fn next_within(stream: &mut EventStream, limit: Duration) -> Event {
    tokio::time::timeout(limit, stream.next())
        .await
        .unwrap_or_else(|_| panic!("no event within {limit:?}"))
        .expect("the stream goes on")
        .expect("an event, not an error")
}

/// A shot created and a task's status changed arrive within a second each, with their ids;
/// with the event server down, a shot created is replayed on reconnect, then live events flow.
pub async fn events_live_and_after_an_outage(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;
    let production = Production::create(backend, &kitsu, 1).await?;
    let project = production.project.id;
    let mut stream = backend
        .events(&kitsu)
        .names([EventName::SHOT_NEW, EventName::TASK_STATUS_CHANGED])
        .project(project)
        .replay_missed(true)
        .reconnect_backoff(Duration::from_millis(100), Duration::from_secs(1))
        .connect()
        .await?;

    let shot = kitsu
        .project(project)
        .new_shot(production.sequence.id, "SH900")
        .await?;
    let started = Instant::now();
    let created = next_within(&mut stream, Duration::from_secs(1)).await;
    let EventData::Row(row) = created.data() else {
        panic!("{created:?}")
    };
    assert_eq!((row.action, row.id), (RowAction::Created, shot.id.uuid()));
    assert_eq!(created.project_id(), Some(project));
    println!(
        "{}: shot:new arrived after {:?}",
        backend.name,
        started.elapsed()
    );

    let task = production.tasks[0].id;
    let wip = kitsu
        .task_statuses()
        .by_short_name("wip")
        .await?
        .expect("Zou's init data has wip");
    kitsu.task(task).comment(wip.id, "events scenario").await?;
    let changed = next_within(&mut stream, Duration::from_secs(1)).await;
    let EventData::TaskStatusChanged(change) = changed.data() else {
        panic!("{changed:?}")
    };
    assert_eq!((change.task_id, change.new_task_status_id), (task, wip.id));
    assert!(!changed.is_replayed());

    if let Some(outage) = &backend.event_outage {
        (outage.stop)();
        let missed = kitsu
            .project(project)
            .new_shot(production.sequence.id, "SH910")
            .await?;
        (outage.start)();
        let replayed = next_within(&mut stream, Duration::from_secs(30)).await;
        assert!(replayed.is_replayed(), "{replayed:?}");
        let EventData::Row(row) = replayed.data() else {
            panic!("{replayed:?}")
        };
        assert_eq!(row.id, missed.id.uuid());
        let after = kitsu
            .project(project)
            .new_shot(production.sequence.id, "SH920")
            .await?;
        let live = next_within(&mut stream, Duration::from_secs(5)).await;
        assert!(!live.is_replayed(), "{live:?}");
        let EventData::Row(row) = live.data() else {
            panic!("{live:?}")
        };
        assert_eq!(row.id, after.id.uuid(), "no duplicate, nothing missing");
        let stats = stream.stats();
        assert_eq!((stats.replayed, stats.delivered), (1, 4), "{stats:?}");
        assert!(stats.reconnects >= 1);
    }
    drop(stream);
    production.remove(&kitsu).await?;
    kitsu.close().await?;
    Ok(())
}

/// On the short-token server: a socket opened after the token expired gets a refresh (the
/// refusal of the dead token) and then works; after an outage, the reconnect refreshes again.
pub async fn events_after_token_expiry(backend: &Backend) -> Result<(), kitsu::Error> {
    let (base_url, ttl) = backend.short_ttl.clone().expect("a short-token server");
    let kitsu =
        kitsu::create_session(&base_url, &backend.admin_email, &backend.admin_password).await?;
    tokio::time::sleep(ttl + Duration::from_millis(1200)).await;
    let refreshes = kitsu.session().transport().token().refresh_count();
    let short = Backend {
        base_url,
        ..backend.clone()
    };
    let mut stream = short
        .events(&kitsu)
        .name("task-type:*")
        .replay_missed(true)
        .reconnect_backoff(Duration::from_millis(100), Duration::from_secs(1))
        .connect()
        .await?;
    assert_eq!(
        kitsu.session().transport().token().refresh_count(),
        refreshes + 1,
        "one refresh, after the refusal"
    );
    // A write through the API (its own refresh may come first: the token lives seconds).
    let name = backend.unique("events task type");
    let created: serde_json::Value = kitsu
        .post("data/task-types", &serde_json::json!({"name": name}))
        .await?;
    let event = next_within(&mut stream, Duration::from_secs(5)).await;
    let EventData::Row(row) = event.data() else {
        panic!("{event:?}")
    };
    assert_eq!(row.id.to_string(), created["id"].as_str().unwrap());
    let task_type = row.id;

    // The socket outlives its token (the server checks it at connect only); a reconnect after
    // expiry takes a fresh one.
    if let Some(outage) = &backend.event_outage {
        tokio::time::sleep(ttl + Duration::from_millis(1200)).await;
        let before = kitsu.session().transport().token().refresh_count();
        (outage.stop)();
        (outage.start)();
        let renamed = backend.unique("events task type renamed");
        let _: serde_json::Value = kitsu
            .put(
                format!("data/task-types/{task_type}"),
                &serde_json::json!({"name": renamed}),
            )
            .await?;
        // Written while the stream was not polled (so not yet reconnected): replayed.
        let event = next_within(&mut stream, Duration::from_secs(30)).await;
        assert!(event.name().ends_with(":update"), "{event:?}");
        assert!(event.is_replayed(), "{event:?}");
        assert!(stream.stats().reconnects >= 1, "{:?}", stream.stats());
        assert!(
            kitsu.session().transport().token().refresh_count() > before,
            "the reconnect refreshed the expired token"
        );
    }
    drop(stream);
    kitsu.delete(format!("data/task-types/{task_type}")).await?;
    kitsu.close().await?;
    Ok(())
}

/// A token the server never issued: a typed error at once, no reconnection loop.
pub async fn events_wrong_token(backend: &Backend) -> Result<(), kitsu::Error> {
    let transport = Transport::new(&backend.base_url)?;
    let bot = Session::from_bot_token(transport, kitsu::BearerToken::new("not.a.token"))?;
    let kitsu = Kitsu::from_session(bot);
    let started = Instant::now();
    let error = backend.events(&kitsu).connect().await.unwrap_err();
    assert!(
        matches!(
            error,
            EventsError::Refused {
                refreshed: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10), "no loop");
    // A logged-in admin is let in (the refusal was the token's, not the server's).
    let admin = Session::log_in(
        Transport::new(&backend.base_url)?,
        Credentials::new(&backend.admin_email, backend.admin_password.as_str()),
    )
    .await?;
    let admin = Kitsu::from_session(admin);
    drop(backend.events(&admin).connect().await?);
    admin.close().await?;
    Ok(())
}
