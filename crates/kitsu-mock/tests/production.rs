//! A production's structure as gazu builds and reads it: projects (a TV show's first episode,
//! settings, asset types), episodes, sequences and shots (get-or-create, lists by parent,
//! lookups by name, the full answers), assets, and `data/entities/{id}` (merge of `data`,
//! the name clash, protected fields).
//!
//! The shapes are Zou 1.0.97's, checked against a live Zou.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use http::{Method, StatusCode};
use kitsu_mock::MockKitsu;
use serde_json::{Value, json};
use support::{Raw, admin, id, uuid_like};

const NOT_FOUND: &str = "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect()
}

async fn post(raw: &Raw, path: &str, body: Value) -> Value {
    let (status, value) = raw.json(Method::POST, path, body).await;
    assert_eq!(status, StatusCode::CREATED, "{path}: {value}");
    value
}

async fn get(raw: &Raw, path: &str) -> Value {
    let (status, value) = raw.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {value}");
    value
}

/// A TV show with episode E02, sequence SQ01 in it, and shots SH020 then SH010.
async fn tv_show(raw: &Raw) -> (String, String, String, Vec<String>) {
    let project = post(
        raw,
        "data/projects",
        json!({"name": "Show", "production_type": "tvshow"}),
    )
    .await;
    let project = id(&project);
    let episode = id(&post(
        raw,
        &format!("data/projects/{project}/episodes"),
        json!({"name": "E02"}),
    )
    .await);
    let sequence = id(&post(
        raw,
        &format!("data/projects/{project}/sequences"),
        json!({"name": "SQ01", "episode_id": episode}),
    )
    .await);
    let mut shots = Vec::new();
    for name in ["SH020", "SH010"] {
        let shot = post(
            raw,
            &format!("data/projects/{project}/shots"),
            json!({"name": name, "sequence_id": sequence, "nb_frames": 48,
                   "data": {"frame_in": 1, "frame_out": 48}}),
        )
        .await;
        shots.push(id(&shot));
    }
    (project, episode, sequence, shots)
}

#[tokio::test]
async fn projects_their_first_episode_and_settings() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let show = post(
        &raw,
        "data/projects",
        json!({"name": "Show", "production_type": "tvshow"}),
    )
    .await;
    let project = id(&show);
    let first = show["first_episode_id"].as_str().unwrap().to_owned();
    assert_eq!(show["file_tree"], Value::Null);
    assert_eq!(show["is_client_stats_visible"], json!(true));
    let episode = get(&raw, &format!("data/episodes/{first}")).await;
    assert_eq!(
        (episode["name"].clone(), episode["description"].clone()),
        (json!("E01"), json!(""))
    );

    let full = get(&raw, &format!("data/projects/{project}")).await;
    for key in [
        "descriptors",
        "task_type_links",
        "task_types_priority",
        "task_statuses_link",
        "project_status_name",
        "first_episode_id",
        "team",
        "asset_types",
    ] {
        assert!(full.get(key).is_some(), "{key} in {full}");
    }
    assert_eq!(full["project_status_name"], json!("Open"));
    let by_name = get(&raw, "data/projects?name=show").await;
    assert_eq!(by_name[0]["id"], json!(project));
    let open = get(&raw, "data/projects/open").await;
    assert_eq!(open[0]["first_episode_id"], json!(first));

    // Settings: each answers the project without its relation lists.
    let character = get(&raw, "data/entity-types?name=Character").await[0].clone();
    let setting = post(
        &raw,
        &format!("data/projects/{project}/settings/asset-types"),
        json!({"asset_type_id": id(&character)}),
    )
    .await;
    assert!(setting.get("asset_types").is_none() && setting["type"] == "Project");
    let wip = get(&raw, "data/task-status?short_name=wip").await[0].clone();
    post(
        &raw,
        &format!("data/projects/{project}/settings/task-status"),
        json!({"task_status_id": id(&wip)}),
    )
    .await;
    let animation = get(&raw, "data/task-types?name=Animation").await[0].clone();
    post(
        &raw,
        &format!("data/projects/{project}/settings/task-types"),
        json!({"task_type_id": id(&animation)}),
    )
    .await;
    let row = kitsu.row("projects", &project).unwrap();
    assert_eq!(row["asset_types"], json!([id(&character)]));
    assert_eq!(row["task_statuses"], json!([id(&wip)]));
    assert_eq!(row["task_types"], json!([id(&animation)]));

    // Zou's refusals.
    let settings = format!("data/projects/{project}/settings");
    assert_eq!(
        raw.json(Method::POST, &format!("{settings}/asset-types"), json!({}))
            .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Validation error.",
                   "data": {"errors": [{"field": "asset_type_id", "message": "Field required"}]}})
        )
    );
    assert_eq!(
        raw.json(
            Method::POST,
            &format!("{settings}/asset-types"),
            json!({"asset_type_id": uuid_like()})
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "data": null,
                   "message": format!("EntityType with id {} not found", uuid_like())})
        )
    );
    assert_eq!(
        raw.json(
            Method::POST,
            &format!("{settings}/task-types"),
            json!({"task_type_id": "nope"})
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "data": null,
                   "message": "task_type_id is required and must be a valid UUID"})
        )
    );
    assert_eq!(
        raw.json(
            Method::POST,
            &format!("data/projects/{}/settings/task-status", uuid_like()),
            json!({"task_status_id": id(&wip)})
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn episodes_sequences_and_shots() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (project, episode, sequence, shots) = tv_show(&raw).await;

    // get-or-create: the same name under the same parent answers the existing row (201).
    let again = post(
        &raw,
        &format!("data/projects/{project}/sequences"),
        json!({"name": "SQ01", "episode_id": episode}),
    )
    .await;
    assert_eq!(id(&again), sequence);
    let again = post(
        &raw,
        &format!("data/projects/{project}/shots"),
        json!({"name": "SH010", "sequence_id": sequence}),
    )
    .await;
    assert_eq!(id(&again), shots[1]);
    assert!(again.get("entities_out").is_none(), "{again}");
    let bare = post(
        &raw,
        &format!("data/projects/{project}/shots"),
        json!({"name": "SH030", "sequence_id": sequence}),
    )
    .await;
    assert_eq!(
        (
            bare["nb_frames"].clone(),
            bare["data"].clone(),
            bare["description"].clone()
        ),
        (Value::Null, json!({}), Value::Null)
    );
    assert_eq!(
        raw.json(
            Method::POST,
            &format!("data/projects/{project}/shots"),
            json!({"name": "SH040", "sequence_id": uuid_like()})
        )
        .await,
        (
            StatusCode::NOT_FOUND,
            json!({"error": true, "message": NOT_FOUND})
        )
    );
    let (status, body) = raw
        .json(
            Method::POST,
            &format!("data/projects/{project}/episodes"),
            json!({}),
        )
        .await;
    assert_eq!(
        (status, body["data"]["errors"][0]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("name"))
    );

    // Lists: by name; the project's as stored, the sequence's with the joined names.
    let episodes = get(&raw, &format!("data/projects/{project}/episodes")).await;
    assert_eq!(names(&episodes), ["E01", "E02"]);
    assert_eq!(
        names(&get(&raw, &format!("data/episodes/{episode}/sequences")).await),
        ["SQ01"]
    );
    let project_shots = get(&raw, &format!("data/projects/{project}/shots")).await;
    assert_eq!(names(&project_shots), ["SH010", "SH020", "SH030"]);
    assert!(project_shots[0].get("sequence_name").is_none());
    assert!(project_shots[0].get("entities_out").is_none());
    let sequence_shots = get(&raw, &format!("data/sequences/{sequence}/shots")).await;
    assert_eq!(
        (
            sequence_shots[0]["sequence_name"].clone(),
            sequence_shots[0]["project_name"].clone()
        ),
        (json!("SQ01"), json!("Show"))
    );
    assert_eq!(
        names(&get(&raw, &format!("data/episodes/{episode}/shots")).await),
        ["SH010", "SH020", "SH030"]
    );

    // Lookups by name (case-insensitive, as Zou's filters).
    let by_name = get(
        &raw,
        &format!("data/shots/all?sequence_id={sequence}&name=sh010"),
    )
    .await;
    assert_eq!(
        (by_name.as_array().unwrap().len(), id(&by_name[0])),
        (1, shots[1].clone())
    );
    assert_eq!(by_name[0]["sequence_name"], json!("SQ01"));
    let by_name = get(
        &raw,
        &format!("data/sequences?project_id={project}&name=SQ01&episode_id={episode}"),
    )
    .await;
    assert_eq!(id(&by_name[0]), sequence);
    let by_name = get(
        &raw,
        &format!("data/episodes?project_id={project}&name=E02"),
    )
    .await;
    assert_eq!(id(&by_name[0]), episode);
    assert_eq!(
        raw.get(&format!("data/shots/all?sequence_id={}", uuid_like()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        raw.get(&format!("data/sequences?episode_id={}", uuid_like()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // The full answers.
    let shot = get(&raw, &format!("data/shots/{}", shots[1])).await;
    assert_eq!(
        keys(&shot),
        [
            "canceled",
            "code",
            "created_at",
            "created_by",
            "data",
            "description",
            "entities_in",
            "entities_out",
            "entity_concept_links",
            "entity_type_id",
            "episode_id",
            "episode_name",
            "fps",
            "frame_in",
            "frame_out",
            "id",
            "instance_casting",
            "is_casting_standby",
            "is_shared",
            "name",
            "nb_entities_out",
            "nb_frames",
            "parent_id",
            "preview_file_id",
            "project_id",
            "project_name",
            "ready_for",
            "sequence_id",
            "sequence_name",
            "shotgun_id",
            "source_id",
            "status",
            "tasks",
            "type",
            "updated_at",
        ]
    );
    assert_eq!(
        (
            shot["episode_name"].clone(),
            shot["frame_out"].clone(),
            shot["type"].clone()
        ),
        (json!("E02"), json!(48), json!("Shot"))
    );
    let full = get(&raw, &format!("data/sequences/{sequence}")).await;
    assert_eq!(
        (
            full["episode_id"].clone(),
            full["episode_name"].clone(),
            full["project_name"].clone()
        ),
        (json!(episode), json!("E02"), json!("Show"))
    );
    assert!(full.get("tasks").is_none() && full.get("entities_out").is_none());
    let full = get(&raw, &format!("data/episodes/{episode}")).await;
    assert_eq!(
        (full["type"].clone(), full["project_name"].clone()),
        (json!("Episode"), json!("Show"))
    );
    assert_eq!(
        raw.get(&format!("data/shots/{}", uuid_like())).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        raw.get(&format!("data/projects/{}/shots", uuid_like()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Only shots are updated through their own route.
    assert_eq!(
        raw.json(
            Method::PUT,
            &format!("data/sequences/{sequence}"),
            json!({"name": "X"})
        )
        .await
        .0,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn assets_and_asset_types() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let project = id(&post(&raw, "data/projects", json!({"name": "Film"})).await);
    let types = get(&raw, "data/asset-types").await;
    assert_eq!(types[0]["type"], json!("AssetType"));
    assert_eq!(types[0]["task_types"], json!([]));
    let character = id(&get(&raw, "data/entity-types?name=Character").await[0]);
    assert_eq!(
        get(&raw, &format!("data/projects/{project}/asset-types")).await,
        json!([])
    );
    let new = format!("data/projects/{project}/asset-types/{character}/assets/new");
    let hero = post(
        &raw,
        &new,
        json!({"name": "Hero", "description": "the hero", "data": {"k": 1}}),
    )
    .await;
    assert_eq!(
        (hero["type"].clone(), hero["data"].clone()),
        (json!("Asset"), json!({"k": 1}))
    );
    // Assets are not get-or-create.
    let twin = post(&raw, &new, json!({"name": "Hero"})).await;
    assert_ne!(id(&twin), id(&hero));
    assert_eq!(twin["description"], json!(""));
    assert_eq!(
        raw.json(
            Method::POST,
            &format!(
                "data/projects/{project}/asset-types/{}/assets/new",
                uuid_like()
            ),
            json!({"name": "X"})
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    let types = get(&raw, &format!("data/projects/{project}/asset-types")).await;
    assert_eq!(names(&types), ["Character"]);
    assert!(types[0].get("task_types").is_none());
    assert_eq!(
        raw.get("data/projects/nope/asset-types").await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Invalid UUID value: nope", "data": null})
        )
    );
    assert_eq!(
        get(&raw, &format!("data/projects/{project}/assets"))
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let by_name = get(
        &raw,
        &format!("data/assets/all?project_id={project}&name=hero&entity_type_id={character}"),
    )
    .await;
    assert_eq!(by_name.as_array().unwrap().len(), 2);
    assert!(by_name[0].get("asset_type_name").is_none());
    assert_eq!(
        raw.get("data/assets/all?project_id=nope").await.1["message"],
        json!("Invalid UUID value: nope")
    );

    let full = get(&raw, &format!("data/assets/{}", id(&hero))).await;
    assert_eq!(
        (
            full["asset_type_name"].clone(),
            full["project_name"].clone(),
            full["episode_id"].clone(),
            full["preview_file_id"].clone(),
            full["ready_for"].clone(),
            full["casting_episode_ids"].clone(),
        ),
        (
            json!("Character"),
            json!("Film"),
            json!(""),
            json!(""),
            json!("None"),
            json!([])
        )
    );
    assert!(full.get("source_id").is_none() && full.get("nb_frames").is_none());
}

#[tokio::test]
async fn generic_entities_merge_data_and_refuse_clashes() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (project, _, _, shots) = tv_show(&raw).await;
    let path = format!("data/entities/{}", shots[0]);
    let entity = get(&raw, &path).await;
    assert_eq!(entity["type"], json!("Shot"));
    for relation in [
        "entities_in",
        "entities_out",
        "entity_concept_links",
        "instance_casting",
    ] {
        assert_eq!(entity[relation], json!([]), "{relation}");
    }
    // `data` merges into the stored dict; unknown and protected keys are ignored.
    let (status, updated) = raw
        .json(
            Method::PUT,
            &path,
            json!({"data": {"frame_out": 60, "fps": 24}, "nb_frames": 60, "bogus": 1,
                   "project_id": uuid_like()}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(
        updated["data"],
        json!({"frame_in": 1, "frame_out": 60, "fps": 24})
    );
    assert_eq!(
        (
            updated["project_id"].clone(),
            updated["nb_frames"].clone(),
            updated["type"].clone()
        ),
        (json!(project), json!(60), json!("Shot"))
    );
    let (status, body) = raw.json(Method::PUT, &path, json!({"name": "SH010"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("An entity with name 'SH010', project_id"),
        "{body}"
    );
    assert_eq!(
        raw.get(&format!("data/entities/{}", uuid_like())).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        raw.get("data/entities/nope").await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Malformed ID.", "data": null})
        )
    );
    // The update published `shot:update`.
    assert!(
        kitsu
            .event_server()
            .published()
            .contains(&"shot:update".to_owned())
    );
}

#[tokio::test]
async fn the_seeder_builds_a_tv_show() {
    let kitsu = MockKitsu::builder()
        .seed(|seed| {
            let show = seed.tv_show("Show");
            let episode = seed.episode(&show, "E01");
            let sequence = seed.episode_sequence(&show, &episode, "SQ01");
            let shot = seed.shot(&show, &sequence, "SH010");
            seed.frames(&shot, 101, 148);
            seed.entity_data(&shot, json!({"camera": "A"}));
            let character = seed.asset_type("Character");
            seed.project_asset_type(&show, &character);
            let hero = seed.asset(&show, "Character", "Hero");
            seed.cast_labeled(&shot, &hero, 2, "animate");
        })
        .start()
        .await
        .unwrap();
    let raw = admin(&kitsu).await;
    let shows = get(&raw, "data/projects?name=Show").await;
    let project = id(&shows[0]);
    assert_eq!(shows[0]["production_type"], json!("tvshow"));
    let shot = &get(&raw, &format!("data/projects/{project}/shots")).await[0];
    assert_eq!(
        (shot["nb_frames"].clone(), shot["data"].clone()),
        (
            json!(48),
            json!({"frame_in": 101, "frame_out": 148, "camera": "A"})
        )
    );
    let full = get(&raw, &format!("data/shots/{}", id(shot))).await;
    assert_eq!(
        (
            full["episode_name"].clone(),
            full["nb_entities_out"].clone()
        ),
        (json!("E01"), json!(1))
    );
    let casting = get(
        &raw,
        &format!("data/projects/{project}/entities/{}/casting", id(shot)),
    )
    .await;
    assert_eq!(
        (
            casting[0]["asset_name"].clone(),
            casting[0]["nb_occurences"].clone(),
            casting[0]["label"].clone()
        ),
        (json!("Hero"), json!(2), json!("animate"))
    );
    // Seeding publishes nothing.
    assert!(kitsu.event_server().published().is_empty());
}

#[tokio::test]
async fn a_tv_show_announces_its_first_episode_first() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    post(
        &raw,
        "data/projects",
        json!({"name": "Show", "production_type": "tvshow"}),
    )
    .await;
    assert_eq!(
        kitsu.event_server().published(),
        ["episode:new", "project:new"]
    );
    let (status, body) = raw
        .json(
            Method::POST,
            &format!("data/projects/{}/sequences", uuid_like()),
            json!({"name": "SQ01", "episode_id": "nope"}),
        )
        .await;
    assert_eq!(
        (status, body["data"]["errors"][0]["message"].clone()),
        (
            StatusCode::BAD_REQUEST,
            json!("Input should be a valid UUID, invalid character: found `n` at 1")
        )
    );
}

#[tokio::test]
async fn a_projects_team_task_types_and_settings_removal() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let project = id(&post(&raw, "data/projects", json!({"name": "Film"})).await);
    let me = id(&get(&raw, "data/persons?email=admin@example.com").await[0]);
    let answer = post(
        &raw,
        &format!("data/projects/{project}/team"),
        json!({"person_id": me}),
    )
    .await;
    assert!(answer.get("team").is_none() && answer["type"] == "Project");
    let team = get(&raw, &format!("data/projects/{project}/team")).await;
    assert_eq!(team[0]["email"], json!("admin@example.com"));
    assert!(team[0].get("password").is_none());
    assert_eq!(
        raw.json(
            Method::POST,
            &format!("data/projects/{project}/team"),
            json!({})
        )
        .await
        .1["data"]["errors"][0]["field"],
        json!("person_id")
    );
    let (status, _) = raw
        .send(
            Method::DELETE,
            &format!("data/projects/{project}/team/{me}"),
            None,
            bytes::Bytes::new(),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&raw, &format!("data/projects/{project}/team")).await,
        json!([])
    );

    let animation = id(&get(&raw, "data/task-types?name=Animation").await[0]);
    post(
        &raw,
        &format!("data/projects/{project}/settings/task-types"),
        json!({"task_type_id": animation}),
    )
    .await;
    let types = get(&raw, &format!("data/projects/{project}/task-types")).await;
    assert_eq!(names(&types), ["Animation"]);
    let wip = id(&get(&raw, "data/task-status?short_name=wip").await[0]);
    post(
        &raw,
        &format!("data/projects/{project}/settings/task-status"),
        json!({"task_status_id": wip}),
    )
    .await;
    let statuses = get(
        &raw,
        &format!("data/projects/{project}/settings/task-status"),
    )
    .await;
    assert_eq!(statuses[0]["short_name"], json!("wip"));
    for (setting, id) in [("task-types", &animation), ("task-status", &wip)] {
        let (status, _) = raw
            .send(
                Method::DELETE,
                &format!("data/projects/{project}/settings/{setting}/{id}"),
                None,
                bytes::Bytes::new(),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    assert_eq!(
        get(&raw, &format!("data/projects/{project}/task-types")).await,
        json!([])
    );
}

#[tokio::test]
async fn a_shots_assets_and_a_types_assets() {
    let kitsu = MockKitsu::start().await.unwrap();
    let (project, shot, character) = kitsu.seed(|seed| {
        let project = seed.project("Film");
        let sequence = seed.sequence(&project, "SQ01");
        let shot = seed.shot(&project, &sequence, "SH010");
        let hero = seed.asset(&project, "Character", "Hero");
        seed.asset(&project, "Prop", "Sword");
        seed.cast(&shot, &hero, 1);
        (project, shot, seed.asset_type("Character"))
    });
    let raw = admin(&kitsu).await;
    let assets = get(&raw, &format!("data/shots/{shot}/assets")).await;
    assert_eq!(
        (names(&assets), assets[0]["type"].clone()),
        (vec!["Hero"], json!("Asset"))
    );
    let types = get(&raw, &format!("data/shots/{shot}/asset-types")).await;
    assert_eq!(
        (names(&types), types[0]["type"].clone()),
        (vec!["Character"], json!("AssetType"))
    );
    assert_eq!(
        raw.get(&format!("data/shots/{}/assets", uuid_like()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let of_type = get(
        &raw,
        &format!("data/projects/{project}/asset-types/{character}/assets"),
    )
    .await;
    assert_eq!(names(&of_type), ["Hero"]);
}

#[tokio::test]
async fn the_logged_in_users_done_tasks() {
    let kitsu = MockKitsu::builder()
        .seed(|seed| {
            let me = seed.admin();
            let animation = seed.task_type("Animation");
            let layout = seed.task_type("Layout");
            let film = seed.project("Film");
            seed.add_to_team(&film, &me);
            let sequence = seed.sequence(&film, "SQ01");
            let shot = seed.shot(&film, &sequence, "SH010");
            // Mine and done: listed.
            let done = seed.task(&shot, &animation);
            seed.assign(&done, &me);
            seed.set_task_status(&done, "done");
            // Mine, not done; done, not mine: not listed.
            let wip = seed.task(&shot, &layout);
            seed.assign(&wip, &me);
            seed.set_task_status(&wip, "wip");
            let shot2 = seed.shot(&film, &sequence, "SH020");
            let theirs = seed.task(&shot2, &animation);
            seed.set_task_status(&theirs, "done");
            // Mine and done, but in a project whose team I am not in, or a closed one.
            for (name, close) in [("Other", false), ("Closed", true)] {
                let project = seed.project(name);
                if close {
                    seed.add_to_team(&project, &me);
                    seed.close_project(&project);
                }
                let sequence = seed.sequence(&project, "SQ01");
                let shot = seed.shot(&project, &sequence, "SH010");
                let task = seed.task(&shot, &animation);
                seed.assign(&task, &me);
                seed.set_task_status(&task, "done");
            }
        })
        .start()
        .await
        .unwrap();
    let raw = admin(&kitsu).await;
    let done = get(&raw, "data/user/tasks-done").await;
    let done = done.as_array().unwrap();
    assert_eq!(done.len(), 1, "{done:?}");
    let task = &done[0];
    assert_eq!(task["type"], json!("Task"));
    assert_eq!(task["project_name"], json!("Film"));
    assert_eq!(task["entity_name"], json!("SH010"));
    assert_eq!(task["entity_type_name"], json!("Shot"));
    assert_eq!(task["sequence_name"], json!("SQ01"));
    assert_eq!(task["task_type_name"], json!("Animation"));
    assert_eq!(task["task_status_short_name"], json!("done"));
    assert_eq!(task["task_status_name"], json!("Done"));
    // Only GET, and only with a token.
    let (status, _) = raw
        .json(Method::POST, "data/user/tasks-done", json!({}))
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    // A token that is no JWT: 422, as Flask-JWT answers.
    let (status, _) = raw.get_with("data/user/tasks-done", "Bearer nope").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
