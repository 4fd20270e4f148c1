//! The event stream against kitsu-mock's event server: filters, typed payloads, keep-alive,
//! reconnection with replay, token refusal and refresh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use http::Method;
use kitsu_api::Client;
use kitsu_api::ids::{ProjectId, SequenceId, TaskId, TaskStatusId};
use kitsu_events::{
    EventData, EventName, EventStream, EventsBuilder, EventsError, Origin, RowAction,
};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu, MockKitsuBuilder};
use kitsu_session::{Credentials, Session};
use kitsu_transport::{BearerToken, Transport};
use serde_json::json;

struct Production {
    project: ProjectId,
    other_project: ProjectId,
    sequence: SequenceId,
    task: TaskId,
    wip: TaskStatusId,
}

async fn start(builder: MockKitsuBuilder) -> (MockKitsu, Session, Client, Production) {
    let kitsu = builder.start().await.unwrap();
    let production = kitsu.seed(|seed| {
        let project = seed.project("Agent 327");
        let other_project = seed.project("Spring");
        let sequence = seed.sequence(&project, "SQ01");
        let shot = seed.shot(&project, &sequence, "SH010");
        let animation = seed.task_type("Animation");
        let task = seed.task(&shot, &animation);
        let wip = seed.task_status("wip").unwrap();
        Production {
            project: project.parse().unwrap(),
            other_project: other_project.parse().unwrap(),
            sequence: sequence.parse().unwrap(),
            task: task.parse().unwrap(),
            wip: wip.parse().unwrap(),
        }
    });
    let transport = Transport::new(kitsu.base_url()).unwrap();
    let session = Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD))
        .await
        .unwrap();
    let client = Client::new(session.transport().clone());
    (kitsu, session, client, production)
}

/// The mock serves its events at the origin's `/socket.io/`, as a Kitsu site: the default URL.
fn builder(client: &Client) -> EventsBuilder {
    EventsBuilder::new(client)
        .reconnect_backoff(Duration::from_millis(5), Duration::from_millis(50))
}

async fn next(stream: &mut EventStream) -> kitsu_events::Event {
    tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("an event within 5 s")
        .expect("the stream goes on")
        .expect("an event, not an error")
}

/// Nothing arrives for a while (the stream is still polled, so pings are answered).
async fn quiet(stream: &mut EventStream, wait: Duration) {
    if let Ok(item) = tokio::time::timeout(wait, stream.next()).await {
        panic!("expected nothing, got {item:?}");
    }
}

#[tokio::test]
async fn writes_arrive_as_typed_events_filtered_by_name_and_project() {
    let (kitsu, _session, client, p) = start(MockKitsu::builder()).await;
    let mut stream = builder(&client)
        .name(EventName::TASK_STATUS_CHANGED)
        .name("shot:new")
        .project(p.project)
        .connect()
        .await
        .unwrap();
    // Left out: another project's shot, and an event of a name not asked for.
    kitsu.event_server().emit(
        "shot:new",
        json!({"shot_id": "6f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a03", "project_id": p.other_project}),
    );
    let shot = client
        .project(p.project)
        .new_shot(p.sequence, "SH020")
        .await
        .unwrap();
    let created = next(&mut stream).await;
    assert!(created.is(EventName::SHOT_NEW));
    assert_eq!(created.project_id(), Some(p.project));
    assert_eq!(created.origin(), &Origin::Live);
    let EventData::Row(row) = created.data() else {
        panic!("{:?}", created.data())
    };
    assert_eq!((row.action, row.id), (RowAction::Created, shot.id.uuid()));

    client
        .task(p.task)
        .comment(p.wip, "blocking done")
        .await
        .unwrap();
    let changed = next(&mut stream).await;
    let EventData::TaskStatusChanged(change) = changed.data() else {
        panic!("{:?}", changed.data())
    };
    assert_eq!((change.task_id, change.new_task_status_id), (p.task, p.wip));
    assert!(change.person_id.is_some());
    // The comment's own events (task:update, comment:new) were filtered out.
    quiet(&mut stream, Duration::from_millis(200)).await;
    let stats = stream.stats();
    assert_eq!(stats.delivered, 2);
    assert!(stats.received >= 5, "{stats:?}");
}

#[tokio::test]
async fn a_misspelt_name_fails_at_connect_with_the_right_one() {
    let (kitsu, _session, client, _) = start(MockKitsu::builder()).await;
    let error = builder(&client)
        .name("task:status-change")
        .connect()
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("did you mean \"task:status-changed\""),
        "{error}"
    );
    assert_eq!(kitsu.event_server().connections(), 0, "nothing was opened");
}

#[tokio::test]
async fn a_stopped_event_server_is_reconnected_and_what_it_missed_replayed_once() {
    let (kitsu, _session, client, p) = start(MockKitsu::builder()).await;
    let mut stream = builder(&client)
        .project(p.project)
        .replay_missed(true)
        .connect()
        .await
        .unwrap();
    let before = json!({"task_id": p.task, "project_id": p.project});
    kitsu.event_server().emit("task:update", before.clone());
    assert_eq!(next(&mut stream).await.origin(), &Origin::Live);

    kitsu.event_server().stop();
    let missed =
        json!({"task_id": "6f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a04", "project_id": p.project});
    kitsu.event_server().emit("task:update", missed.clone());
    kitsu.event_server().emit(
        "task:update",
        json!({"task_id": p.task, "project_id": p.other_project}),
    );
    kitsu.event_server().start();

    let replayed = next(&mut stream).await;
    assert!(replayed.is_replayed(), "{replayed:?}");
    assert_eq!(replayed.payload_as::<serde_json::Value>().unwrap(), missed);
    // The event seen live before the gap is not replayed; the other project's is filtered.
    let after = json!({"task_id": p.task, "project_id": p.project, "after": true});
    kitsu.event_server().emit("task:update", after.clone());
    let live = next(&mut stream).await;
    assert_eq!(live.origin(), &Origin::Live);
    assert_eq!(live.payload_as::<serde_json::Value>().unwrap(), after);
    let stats = stream.stats();
    assert_eq!((stats.reconnects, stats.replayed), (1, 1), "{stats:?}");
}

#[tokio::test]
async fn a_server_that_stops_pinging_is_left_and_reconnected() {
    let (kitsu, _session, client, p) = start(
        MockKitsu::builder().event_pings(Duration::from_millis(100), Duration::from_millis(100)),
    )
    .await;
    let mut stream = builder(&client).connect().await.unwrap();
    kitsu.event_server().set_pings(false);
    // No ping for 100 + 100 ms: the stream gives the socket up and opens another.
    quiet(&mut stream, Duration::from_millis(600)).await;
    kitsu.event_server().set_pings(true);
    assert!(stream.stats().reconnects >= 1, "{:?}", stream.stats());
    kitsu
        .event_server()
        .emit("task:update", json!({"task_id": p.task}));
    assert!(next(&mut stream).await.is(EventName::TASK_UPDATE));
}

#[tokio::test]
async fn an_idle_stream_answers_pings_and_keeps_its_socket() {
    let (kitsu, _session, client, _) = start(
        MockKitsu::builder().event_pings(Duration::from_millis(100), Duration::from_millis(400)),
    )
    .await;
    let mut stream = builder(&client).connect().await.unwrap();
    // Ten ping intervals: without pongs the server would drop the socket after half a second
    // (the timeout leaves room for a busy machine).
    quiet(&mut stream, Duration::from_millis(1000)).await;
    assert_eq!(stream.stats().reconnects, 0);
    assert_eq!(kitsu.event_server().connections(), 1);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_socket_opens() {
    let (kitsu, _session, client, p) =
        start(MockKitsu::builder().access_token_lifetime(Duration::from_millis(300))).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let mut stream = builder(&client).connect().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
    kitsu
        .event_server()
        .emit("task:update", json!({"task_id": p.task}));
    assert!(next(&mut stream).await.is(EventName::TASK_UPDATE));
}

#[tokio::test]
async fn a_wrong_token_is_a_typed_error_not_a_loop() {
    let kitsu = MockKitsu::start().await.unwrap();
    let transport = Transport::new(kitsu.base_url()).unwrap();
    let bot = Session::from_bot_token(transport, BearerToken::new("a.b.c")).unwrap();
    let client = Client::new(bot.transport().clone());
    let error = builder(&client).connect().await.unwrap_err();
    assert!(
        matches!(
            &error,
            EventsError::Refused {
                refreshed: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("Connection refused by server"),
        "{error}"
    );

    // A session whose refresh token is bad too: one refresh, then the error.
    let transport = Transport::new(kitsu.base_url()).unwrap();
    let stale = Session::from_tokens(
        transport,
        BearerToken::new("a.b.c"),
        Some(BearerToken::new("d.e.f")),
    )
    .unwrap();
    let client = Client::new(stale.transport().clone());
    let error = builder(&client).connect().await.unwrap_err();
    assert!(matches!(&error, EventsError::Refresh(_)), "{error:?}");
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
}

#[tokio::test]
async fn the_observer_sees_what_the_filter_drops_and_a_reader_task_delivers() {
    let (_kitsu, _session, client, p) = start(MockKitsu::builder()).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let stream = builder(&client)
        .name("comment:*")
        .observe(move |name, _payload| record.lock().unwrap().push(name.to_owned()))
        .connect()
        .await
        .unwrap();
    let mut reader = stream.spawn_reader(4);
    client.task(p.task).comment(p.wip, "hello").await.unwrap();
    let event = tokio::time::timeout(Duration::from_secs(5), reader.recv())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let EventData::Comment(comment) = event.data() else {
        panic!("{:?}", event.data())
    };
    assert_eq!(comment.task_id, p.task);
    let seen = seen.lock().unwrap().clone();
    assert!(seen.contains(&"task:status-changed".to_owned()), "{seen:?}");
    assert!(seen.contains(&"comment:new".to_owned()), "{seen:?}");
}

#[tokio::test]
async fn a_gone_event_server_ends_the_stream_after_the_attempts_allowed() {
    let (kitsu, _session, client, _) = start(MockKitsu::builder()).await;
    let mut stream = builder(&client)
        .max_reconnect_attempts(3)
        .connect()
        .await
        .unwrap();
    kitsu.event_server().stop();
    let error = tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap_err();
    let EventsError::Unreachable { attempts, last, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(last.to_string().contains("502"), "{last}");
    assert!(
        stream.next().await.is_none(),
        "the stream ends after a fatal error"
    );
}

#[tokio::test]
async fn replay_as_an_artist_fails_at_connect_naming_the_event_log() {
    let kitsu = MockKitsu::start().await.unwrap();
    kitsu.seed(|seed| {
        seed.person(
            "Ann",
            "Artist",
            "ann@example.com",
            "secret-password",
            "user",
        );
    });
    let transport = Transport::new(kitsu.base_url()).unwrap();
    let session = Session::log_in(
        transport,
        Credentials::new("ann@example.com", "secret-password"),
    )
    .await
    .unwrap();
    let client = Client::new(session.transport().clone());
    let error = builder(&client)
        .replay_missed(true)
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(&error, EventsError::Replay(_)), "{error:?}");
    assert!(error.to_string().contains("event log"), "{error}");
    // Without replay an artist listens as anyone does.
    drop(builder(&client).connect().await.unwrap());
}

#[tokio::test]
async fn an_unknown_event_stays_json_and_the_stream_goes_on() {
    let (kitsu, _session, client, p) = start(MockKitsu::builder()).await;
    let mut stream = builder(&client).connect().await.unwrap();
    kitsu
        .event_server()
        .emit("plugin-x:did-something", json!({"x": 1}));
    let other = next(&mut stream).await;
    assert_eq!(other.name(), "plugin-x:did-something");
    assert!(matches!(other.data(), EventData::Other(_)));
    kitsu
        .event_server()
        .emit("task:update", json!({"task_id": p.task}));
    assert!(next(&mut stream).await.is(EventName::TASK_UPDATE));
}

#[tokio::test]
async fn events_keep_the_clients_cache_fresh_even_when_filtered_out() {
    let (_kitsu, session, _client, _) = start(MockKitsu::builder()).await;
    let cached = Client::new(session.transport().clone()).with_cache(kitsu_api::Cache::default());
    let before: Vec<serde_json::Value> = cached.get("data/task-types").await.unwrap();
    let _: Vec<serde_json::Value> = cached.get("data/task-types").await.unwrap();
    assert_eq!(
        cached.cache().unwrap().stats().hits,
        1,
        "the second read is a hit"
    );
    let mut stream = builder(&cached).name("comment:*").connect().await.unwrap();
    // Someone else (another process) adds a task type: Zou publishes task-type:new.
    let other = Client::new(session.transport().clone());
    let _: serde_json::Value = other
        .post("data/task-types", &json!({"name": "Layout"}))
        .await
        .unwrap();
    quiet(&mut stream, Duration::from_millis(300)).await;
    assert!(cached.cache().unwrap().stats().evictions >= 1);
    let after: Vec<serde_json::Value> = cached.get("data/task-types").await.unwrap();
    assert_eq!(
        after.len(),
        before.len() + 1,
        "the new task type is seen at once"
    );
}
