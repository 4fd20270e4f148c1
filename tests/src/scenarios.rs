//! Every scenario of the live-suite issue, against any backend.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::TryStreamExt;
use kitsu::ids::{PersonId, TaskStatusId};
use kitsu::models::{Asset, Person, Project, Sequence, Shot, Task, TaskType};
use kitsu::{
    ApiError, Cache, Client, Credentials, Kitsu, Query, Session, SessionError, Transport,
    concurrent, routes,
};
use serde_json::{Value, json};

use crate::backend::Backend;
use crate::fixtures;
use crate::wire::Wire;

/// A project made for one scenario, removed by [`Production::remove`].
#[derive(Debug)]
pub struct Production {
    pub project: Project,
    pub sequence: Sequence,
    pub shots: Vec<Shot>,
    pub animation: TaskType,
    pub tasks: Vec<Task>,
}

impl Production {
    /// A project with a sequence of `shots` shots, each with an Animation task.
    pub async fn create(
        backend: &Backend,
        kitsu: &Kitsu,
        shots: usize,
    ) -> Result<Production, kitsu::Error> {
        let project = kitsu
            .projects()
            .create_named(&backend.unique("kitsu-rs"))
            .await?;
        let animation = kitsu
            .task_types()
            .by_name("Animation")
            .await?
            .expect("Zou's init data has Animation");
        let handle = kitsu.project(project.id);
        handle.add_task_type(animation.id).await?;
        let sequence = handle.new_sequence("SQ01").await?;
        let shots = concurrent::try_map(0..shots, 8, |n| {
            handle
                .new_shot(sequence.id, format!("SH{:03}", (n + 1) * 10))
                .nb_frames(48)
        })
        .await?;
        let ids: Vec<_> = shots.iter().map(|s| s.id).collect();
        let tasks = handle
            .create_shot_tasks(animation.id)
            .only(ids.iter().copied())
            .await?;
        assert_eq!(tasks.len(), shots.len(), "one task per shot");
        assert!(
            handle
                .create_shot_tasks(animation.id)
                .only(ids)
                .await?
                .is_empty(),
            "existing tasks are skipped"
        );
        Ok(Production {
            project,
            sequence,
            shots,
            animation,
            tasks,
        })
    }

    /// Closes the project and deletes it with everything in it.
    pub async fn remove(self, kitsu: &Kitsu) -> Result<(), kitsu::Error> {
        let project = kitsu.project(self.project.id);
        project.delete_forever().await?;
        let gone = project.get().await.unwrap_err();
        assert!(matches!(gone, ApiError::RouteNotFound(_)), "{gone:?}");
        Ok(())
    }
}

/// The quick start: projects, task types and task statuses, concurrently.
pub async fn quickstart(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;
    kitsu
        .scoped(|kitsu| async move {
            let task_types = kitsu.task_types();
            let (_projects, task_types, task_statuses) = tokio::try_join!(
                kitsu.fetch_all::<Project>("data/projects/open"),
                task_types.list(),
                kitsu.fetch_all::<Value>("data/task-status"),
            )?;
            assert!(task_types.iter().any(|t| t.name == "Animation"));
            assert!(task_statuses.len() >= 4);
            Ok(())
        })
        .await
}

/// A production: asset type and asset, a sequence of 20 shots, a task per shot; then the N+1
/// read, a batch PUT, pagination, soft and forced delete, and the clean-up.
pub async fn production(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;
    let production = Production::create(backend, &kitsu, 20).await?;
    let project = production.project.id;

    // An asset type (Zou creates them as entity types) and an asset.
    let asset_type: kitsu::models::AssetType = kitsu
        .post(
            routes::collection("entity-types"),
            &json!({"name": backend.unique("Vehicle")}),
        )
        .await?;
    let asset: Asset = kitsu
        .project(project)
        .new_asset(asset_type.id, "Hero car")
        .description("red")
        .await?;
    assert_eq!(asset.name, "Hero car");
    assert_eq!(kitsu.project(project).assets().await?.len(), 1);

    // N+1: the tasks of every shot, bounded.
    let shots = kitsu.project(project).shots().await?;
    assert_eq!(shots.len(), 20);
    let task_lists = concurrent::try_map(&shots, 16, |shot| async {
        kitsu.shot(shot.id).tasks().await
    })
    .await?;
    for (shot, tasks) in shots.iter().zip(&task_lists) {
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].entity_name.as_deref(), Some(shot.name.as_str()));
        assert_eq!(tasks[0].task_type_name.as_deref(), Some("Animation"));
    }

    // Batch PUT on every shot.
    let updated = futures_util::future::try_join_all(shots.iter().map(|shot| async {
        kitsu
            .shot(shot.id)
            .update(&json!({"description": "batch", "nb_frames": 96, "data": {"fps": 24}}))
            .await
    }))
    .await?;
    assert!(updated.iter().all(|shot| shot.nb_frames == Some(96)));
    let reread = kitsu.shot(shots[0].id).get().await?;
    assert_eq!(reread.description.as_deref(), Some("batch"));
    assert_eq!(reread.sequence_name.as_deref(), Some("SQ01"));

    // Pagination over data/tasks, small pages, against the bare list.
    let by_project = Query::new().param("project_id", project);
    let listed: Vec<Task> = kitsu.collection::<Task>().list_with(&by_project).await?;
    let paged: Vec<Task> = kitsu
        .items("data/tasks", &by_project, 3)
        .try_collect()
        .await?;
    let mut listed: Vec<_> = listed.into_iter().map(|t| t.id).collect();
    let mut paged: Vec<_> = paged.into_iter().map(|t| t.id).collect();
    assert_eq!(paged.len(), 20);
    listed.sort();
    paged.sort();
    assert_eq!(paged, listed);
    let pages: Vec<kitsu::Page<Task>> = kitsu
        .pages("data/tasks", &by_project, 3)
        .try_collect()
        .await?;
    assert_eq!((pages.len(), pages[0].nb_pages, pages[0].total), (7, 7, 20));

    // Soft delete of a shot with tasks, then force.
    let victim = kitsu.shot(shots[0].id);
    kitsu.delete(format!("data/shots/{}", victim.id())).await?;
    let soft: Shot = victim.get().await?;
    assert_eq!(
        soft.canceled,
        Some(true),
        "a shot with tasks is only canceled"
    );
    kitsu
        .delete_with(
            format!("data/shots/{}", victim.id()),
            &Query::new().param("force", true),
        )
        .await?;
    assert!(matches!(
        victim.get().await.unwrap_err(),
        ApiError::RouteNotFound(_)
    ));

    production.remove(&kitsu).await?;
    kitsu
        .delete(routes::collection_item(
            "entity-types",
            asset_type.id.uuid(),
        ))
        .await?;
    kitsu.close().await
}

/// A comment with previews: a PNG (downloaded back byte-identical) and an MP4 (ready after
/// processing), and a project thumbnail.
pub async fn previews(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;
    let production = Production::create(backend, &kitsu, 1).await?;
    let task = &production.tasks[0];
    let wip = kitsu
        .task_statuses()
        .by_short_name("wip")
        .await?
        .expect("a wip status");
    let directory = scratch_dir();
    let png = fixtures::png();
    let picture = directory.join("take.png");
    std::fs::write(&picture, &png).unwrap();

    // Zou re-saves pictures through Pillow: the first round trip keeps every pixel; the
    // second, of Zou's own encoding, must come back byte for byte.
    let first =
        upload_picture(&kitsu, task, wip.id, &picture, &directory.join("first.png")).await?;
    assert_eq!(
        fixtures::pixels(&first),
        fixtures::pixels(&png),
        "the pixels survive the round trip"
    );
    if !backend.transcodes {
        assert_eq!(first, png);
    }
    let again = directory.join("again.png");
    std::fs::write(&again, &first).unwrap();
    let second =
        upload_picture(&kitsu, task, wip.id, &again, &directory.join("second.png")).await?;
    assert_eq!(second, first, "a picture comes back byte-identical");

    if let Some(movie) = &backend.movie {
        let path = directory.join("take.mp4");
        std::fs::write(&path, movie).unwrap();
        let comment = kitsu.task(task.id).comment(wip.id, "with sound").await?;
        let preview = kitsu.task(task.id).add_preview(comment.id).await?;
        let preview = kitsu.preview_file(preview.id).upload(&path).await?;
        assert_eq!(
            preview.status.as_deref(),
            Some("ready"),
            "movie processing: {:?}",
            preview.other
        );
        let copy = directory.join("copy.mp4");
        let size = kitsu
            .download(routes::preview_original_movie(preview.id), &copy)
            .await?;
        let bytes = std::fs::read(&copy).unwrap();
        assert_eq!(bytes.len() as u64, size);
        assert_eq!(&bytes[4..8], b"ftyp", "an MP4 comes back");
        if !backend.transcodes {
            assert_eq!(&bytes, movie);
        }
    }

    let thumbnail: Value = kitsu
        .project(production.project.id)
        .upload_thumbnail(&picture)
        .await?;
    let path = thumbnail["thumbnail_path"]
        .as_str()
        .expect("a thumbnail path")
        .to_owned();
    let image = kitsu.download_bytes(&path, 1 << 20).await?;
    assert_eq!(&image[..8], b"\x89PNG\r\n\x1a\n");

    std::fs::remove_dir_all(&directory).unwrap();
    production.remove(&kitsu).await?;
    kitsu.close().await
}

/// Comments on `task` with the picture at `path` as a preview, and downloads the original back.
async fn upload_picture(
    kitsu: &Kitsu,
    task: &Task,
    status: TaskStatusId,
    path: &Path,
    copy: &Path,
) -> Result<Vec<u8>, kitsu::Error> {
    let comment = kitsu.task(task.id).comment(status, "a take").await?;
    let preview = kitsu.task(task.id).add_preview(comment.id).await?;
    let preview = kitsu.preview_file(preview.id).upload(path).await?;
    assert_eq!(preview.status.as_deref(), Some("ready"));
    assert_eq!(preview.extension.as_deref(), Some("png"));
    let size = kitsu.download_preview(&preview, copy).await?;
    let bytes = std::fs::read(copy).unwrap();
    assert_eq!(bytes.len() as u64, size);
    Ok(bytes)
}

fn scratch_dir() -> PathBuf {
    let directory =
        std::env::temp_dir().join(format!("kitsu-scenario-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn server_message(error: &ApiError) -> &str {
    &error
        .server_error()
        .unwrap_or_else(|| panic!("not a status error: {error:?}"))
        .message
}

/// Every error kind, from the server's real answers.
pub async fn error_kinds(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;

    let error = kitsu
        .get::<Value>("data/tasks/not-a-uuid")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Parameter(_)), "400: {error:?}");
    assert_eq!(server_message(&error), "Malformed ID.");

    let error = kitsu
        .get::<Value>("data/tasks/00000000-0000-4000-8000-000000000000")
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::RouteNotFound(_)),
        "404: {error:?}"
    );

    let error = kitsu
        .post::<Value>("data/shots", &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::MethodNotAllowed(_)),
        "405: {error:?}"
    );

    let anonymous = Client::new(Transport::new(&backend.base_url)?);
    let error = anonymous.get::<Value>("data/projects").await.unwrap_err();
    assert!(
        matches!(error, ApiError::NotAuthenticated(_)),
        "401: {error:?}"
    );

    let garbage = Client::new(
        Transport::builder(&backend.base_url)
            .bearer_token(kitsu::BearerToken::new("garbage"))
            .build()?,
    );
    let error = garbage.get::<Value>("data/projects").await.unwrap_err();
    assert!(matches!(error, ApiError::Validation(_)), "422: {error:?}");
    assert_eq!(server_message(&error), "Not enough segments");

    // 403: an artist may not create a project.
    let email = format!("{}@example.com", backend.unique("artist").replace(' ', "-"));
    let artist: Person = kitsu
        .persons()
        .create(
            &json!({"first_name": "Ann", "last_name": "Artist", "email": email, "role": "user"}),
        )
        .await?;
    let artist_id: PersonId = artist.id;
    let password = "artist-password-1";
    let _: Value = kitsu
        .post(
            routes::change_password(artist_id),
            &json!({"password": password, "password_2": password}),
        )
        .await?;
    let artist = kitsu::create_session(&backend.base_url, &email, password).await?;
    let error = artist
        .projects()
        .create_named(&backend.unique("not mine"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotAllowed(_)), "403: {error:?}");
    artist.close().await?;

    let wrong = kitsu::create_session(&backend.base_url, &email, "not-the-password")
        .await
        .unwrap_err();
    assert!(
        matches!(
            wrong,
            kitsu::Error::Session(SessionError::WrongCredentials { .. })
        ),
        "{wrong:?}"
    );

    // The artist logged in: Zou keeps data linked to them, and deletes them only with force.
    let refused = kitsu.persons().delete(artist_id).await.unwrap_err();
    assert_eq!(
        server_message(&refused),
        "Some data are still linked to given person."
    );
    kitsu.persons().delete_forever(artist_id).await?;
    kitsu.close().await
}

/// Logging out revokes the access token; a bot token works and cannot log out.
pub async fn logout_and_bots(backend: &Backend) -> Result<(), kitsu::Error> {
    let kitsu = backend.admin().await?;
    let tokens = kitsu.session().tokens();
    let admin = backend.admin().await?;
    kitsu.close().await?;
    let stale = Session::from_tokens(
        Transport::new(&backend.base_url)?,
        tokens.access.unwrap(),
        None,
    )?;
    let error = Client::new(stale.transport().clone())
        .get::<Value>("data/projects")
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::NotAuthenticated(_)),
        "a revoked token: {error:?}"
    );
    assert!(matches!(
        stale.refresh().await.unwrap_err(),
        SessionError::SessionExpired { .. }
    ));
    drop(stale);

    let bot: Person = admin
        .persons()
        .create(&json!({"first_name": backend.unique("ci-bot"), "last_name": "", "is_bot": true, "role": "admin"}))
        .await?;
    let token = bot.other["access_token"]
        .as_str()
        .expect("a bot token")
        .to_owned();
    let session = Session::from_bot_token(
        Transport::new(&backend.base_url)?,
        kitsu::BearerToken::new(token),
    )?;
    let as_bot = Kitsu::from_session(session);
    let _: Vec<Project> = as_bot.projects().list().await?;
    assert!(matches!(
        as_bot.session().log_out().await.unwrap_err(),
        SessionError::CannotLogOut { .. }
    ));
    as_bot.close().await?;
    admin.persons().delete_forever(bot.id).await?;
    admin.close().await
}

/// A short-lived token refreshed transparently under 200 concurrent requests: one refresh.
pub async fn refresh_under_load(backend: &Backend) -> Result<(), kitsu::Error> {
    let Some((base_url, ttl)) = &backend.short_ttl else {
        panic!(
            "the {} backend has no short-lived-token server",
            backend.name
        );
    };
    let kitsu =
        kitsu::create_session(base_url, &backend.admin_email, &backend.admin_password).await?;
    tokio::time::sleep(*ttl + Duration::from_millis(1200)).await;
    let calls = (0..200).map(|i| {
        let kitsu = kitsu.clone();
        async move {
            if i % 2 == 0 {
                kitsu.fetch_all::<Value>("data/task-types").await
            } else {
                kitsu.fetch_all::<Value>("data/task-status").await
            }
        }
    });
    let answers = futures_util::future::try_join_all(calls).await?;
    assert_eq!(answers.len(), 200);
    assert_eq!(
        kitsu.session().transport().token().refresh_count(),
        1,
        "exactly one refresh"
    );
    kitsu.close().await
}

/// The opt-in cache: reference data read twice goes once on the wire; a project board, a
/// project's tasks and a preview file read twice come back `304` with no body the second time
/// (and the same answer); a change shows at once; a write through the client evicts its
/// collection.
pub async fn cache(backend: &Backend) -> Result<(), kitsu::Error> {
    let wire = Wire::default();
    let transport = Transport::builder(&backend.base_url)
        .layer(wire.layer())
        .build()?;
    let kitsu = Kitsu::log_in(
        transport,
        Credentials::new(&backend.admin_email, backend.admin_password.as_str()),
    )
    .await?
    .with_cache(Cache::default());

    // The memo: the second read makes no request.
    let statuses = kitsu.task_statuses().list().await?;
    assert_eq!(kitsu.task_statuses().list().await?, statuses);
    assert_eq!(wire.to("data/task-status").len(), 1);

    // A write through the client evicts the collection it wrote to.
    let name = backend.unique("Cache check");
    let created: kitsu::models::TaskStatus = kitsu
        .post(
            routes::collection("task-status"),
            &json!({"name": name, "short_name": format!("k{}", &name[name.len() - 8..]), "color": "#999999"}),
        )
        .await?;
    let after = kitsu.task_statuses().list().await?;
    assert_eq!(after.len(), statuses.len() + 1);
    kitsu.task_statuses().delete(created.id).await?;
    assert_eq!(kitsu.task_statuses().list().await?.len(), statuses.len());
    assert_eq!(wire.to("data/task-status").len(), 3);

    let production = Production::create(backend, &kitsu, 3).await?;
    let project = production.project.id;
    let wip = statuses
        .iter()
        .find(|s| s.short_name == "wip")
        .expect("a wip status");

    // A preview to download.
    let directory = scratch_dir();
    let picture = directory.join("take.png");
    std::fs::write(&picture, fixtures::png()).unwrap();
    let task = kitsu.task(production.tasks[0].id);
    let comment = task.comment(wip.id, "a take").await?;
    let preview = kitsu
        .preview_file(task.add_preview(comment.id).await?.id)
        .upload(&picture)
        .await?;
    std::fs::remove_dir_all(&directory).unwrap();

    // Conditional GETs: the body comes once, then 304 with none, and the same answer.
    let board = format!("data/shots/with-tasks?project_id={project}");
    let tasks = format!("data/projects/{project}/tasks");
    for (path, wire_path) in [
        (board.as_str(), "data/shots/with-tasks".to_owned()),
        (&tasks, tasks.clone()),
    ] {
        let first: Vec<Value> = kitsu.get(path).await?;
        let second: Vec<Value> = kitsu.get(path).await?;
        assert_eq!(first, second, "{path}");
        assert_eq!(first.len(), 3, "{path}");
        let seen = wire.to(&wire_path);
        let statuses: Vec<u16> = seen.iter().map(|s| s.status.as_u16()).collect();
        assert_eq!(statuses, [200, 304], "{path}");
        assert!(seen[0].bytes > 0, "{path}: {seen:?}");
        assert_eq!(seen[1].bytes, 0, "{path}: {seen:?}");
    }
    let file = routes::preview_original_picture(preview.id, "png");
    let first = kitsu.download_bytes(&file, 1 << 20).await?;
    let second = kitsu.download_bytes(&file, 1 << 20).await?;
    assert_eq!(first, second);
    let seen: Vec<u16> = wire.to(&file).iter().map(|s| s.status.as_u16()).collect();
    assert_eq!(seen, [200, 304]);

    // A change by anyone shows at once: the board is always asked for again.
    task.update(&json!({"priority": 3})).await?;
    let changed: Vec<Value> = kitsu.get(&board).await?;
    let priorities: Vec<&Value> = changed
        .iter()
        .flat_map(|shot| shot["tasks"].as_array().into_iter().flatten())
        .map(|t| &t["priority"])
        .collect();
    assert!(priorities.contains(&&json!(3)), "{priorities:?}");
    assert_eq!(
        wire.to("data/shots/with-tasks")
            .last()
            .map(|s| s.status.as_u16()),
        Some(200)
    );

    let stats = kitsu.cache_stats().expect("the cache is on");
    assert!(stats.revalidations >= 3, "{stats:?}");
    assert!(stats.hits >= 1, "{stats:?}");
    production.remove(&kitsu).await?;
    kitsu.close().await
}

/// What [`no_expired_token_on_the_wire`] saw.
#[derive(Debug)]
pub struct WireReport {
    /// GETs the workload made.
    pub made: usize,
    /// Requests that went on the wire.
    pub on_the_wire: usize,
    /// Token refreshes during the workload.
    pub refreshes: u64,
    /// Token refreshes until the session was closed (the logout may refresh a token about to
    /// expire first, as any request does).
    pub refreshes_until_closed: u64,
    /// 401 answers.
    pub unauthorized: usize,
}

/// A steady workload across token expiries (eight workers on four in-flight slots, for one and
/// a half token lifetimes) puts on the wire exactly the requests it made plus the refreshes,
/// and meets no expired token: the token is read as each request leaves and refreshed before
/// its `exp`.
pub async fn no_expired_token_on_the_wire(backend: &Backend) -> Result<WireReport, kitsu::Error> {
    let Some((base_url, ttl)) = &backend.short_ttl else {
        panic!(
            "the {} backend has no short-lived-token server",
            backend.name
        );
    };
    let wire = Wire::default();
    let transport = Transport::builder(base_url)
        .max_in_flight(4)
        .layer(wire.layer())
        .build()?;
    let kitsu = Kitsu::log_in(
        transport,
        kitsu::Credentials::new(&backend.admin_email, &backend.admin_password),
    )
    .await?;
    wire.clear();
    let made = std::sync::atomic::AtomicUsize::new(0);
    let until = tokio::time::Instant::now() + *ttl * 3 / 2 + Duration::from_millis(500);
    let workers = (0..8).map(|_| async {
        while tokio::time::Instant::now() < until {
            kitsu.get::<Value>("data/task-status").await?;
            made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Ok::<_, kitsu::Error>(())
    });
    futures_util::future::try_join_all(workers).await?;
    let transport = kitsu.session().transport().clone();
    let refreshes = transport.token().refresh_count();
    let on_the_wire = wire.len();
    kitsu.close().await?;
    let report = WireReport {
        made: made.into_inner(),
        on_the_wire,
        refreshes,
        refreshes_until_closed: transport.token().refresh_count(),
        unauthorized: wire.with_status(kitsu::transport::http::StatusCode::UNAUTHORIZED),
    };
    println!("{}: {report:?}", backend.name);
    assert!(report.refreshes >= 1, "the workload spans an expiry");
    assert_eq!(report.unauthorized, 0, "no request met an expired token");
    assert_eq!(
        report.on_the_wire,
        report.made + report.refreshes as usize,
        "requests on the wire = requests made + refreshes"
    );
    Ok(report)
}
