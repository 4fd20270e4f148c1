//! The breakdown (casting) routes, answered as Zou 1.0.97's `breakdown_service` does: an
//! entity's casting, the castings of a sequence's, an episode's or a project's shots and of an
//! asset type's assets, where an asset is cast, casting one asset in several entities, and the
//! events each change publishes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use http::{Method, StatusCode};
use kitsu_mock::MockKitsu;
use serde_json::{Value, json};
use support::{Raw, admin, uuid_like};

/// The ids of a seeded TV show: one episode, one sequence, two shots, a character, a prop and
/// an environment.
struct Show {
    project: String,
    episode: String,
    sequence: String,
    shots: [String; 2],
    hero: String,
    sword: String,
    forest: String,
    character: String,
}

async fn show() -> (MockKitsu, Raw, Show) {
    let kitsu = MockKitsu::start().await.unwrap();
    let show = kitsu.seed(|seed| {
        let project = seed.tv_show("Show");
        let episode = seed.episode(&project, "E01");
        let sequence = seed.episode_sequence(&project, &episode, "SQ01");
        let shots = [
            seed.shot(&project, &sequence, "SH010"),
            seed.shot(&project, &sequence, "SH020"),
        ];
        Show {
            hero: seed.asset(&project, "Character", "Hero"),
            sword: seed.asset(&project, "Prop", "Sword"),
            forest: seed.asset(&project, "Environment", "Forest"),
            character: seed.asset_type("Character"),
            project,
            episode,
            sequence,
            shots,
        }
    });
    let raw = admin(&kitsu).await;
    (kitsu, raw, show)
}

fn casting_path(show: &Show, entity: &str) -> String {
    format!("data/projects/{}/entities/{entity}/casting", show.project)
}

async fn ok(raw: &Raw, method: Method, path: &str, body: Value) -> Value {
    let (status, value) = if method == Method::GET {
        raw.get(path).await
    } else {
        raw.json(method, path, body).await
    };
    assert_eq!(status, StatusCode::OK, "{path}: {value}");
    value
}

#[tokio::test]
async fn a_shots_casting_and_its_episode() {
    let (kitsu, raw, show) = show().await;
    let shot = &show.shots[0];
    assert_eq!(
        ok(&raw, Method::GET, &casting_path(&show, shot), Value::Null).await,
        json!([])
    );
    let casting = json!([
        {"asset_id": show.sword, "nb_occurences": 1},
        {"asset_id": show.hero, "nb_occurences": 2, "label": "animate"},
    ]);
    // The answer is the body sent.
    assert_eq!(
        ok(
            &raw,
            Method::PUT,
            &casting_path(&show, shot),
            casting.clone()
        )
        .await,
        casting
    );
    let read = ok(&raw, Method::GET, &casting_path(&show, shot), Value::Null).await;
    // By asset type then name: Character before Prop.
    assert_eq!(
        read,
        json!([
            {"asset_id": show.hero, "asset_name": "Hero", "asset_type_name": "Character",
             "ready_for": null, "episode_id": null, "preview_file_id": null, "nb_occurences": 2,
             "label": "animate", "is_shared": false, "project_id": show.project},
            {"asset_id": show.sword, "asset_name": "Sword", "asset_type_name": "Prop",
             "ready_for": null, "episode_id": null, "preview_file_id": null, "nb_occurences": 1,
             "label": "", "is_shared": false, "project_id": show.project},
        ])
    );
    // The shot's counters, and the episode cast automatically (one occurrence each).
    let full = ok(
        &raw,
        Method::GET,
        &format!("data/shots/{shot}"),
        Value::Null,
    )
    .await;
    assert_eq!(full["nb_entities_out"], json!(2));
    assert_eq!(full["entities_out"].as_array().unwrap().len(), 2);
    let episode = ok(
        &raw,
        Method::GET,
        &casting_path(&show, &show.episode),
        Value::Null,
    )
    .await;
    assert_eq!(
        episode
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (
                c["asset_name"].as_str().unwrap(),
                c["nb_occurences"].as_i64().unwrap()
            ))
            .collect::<Vec<_>>(),
        [("Hero", 1), ("Sword", 1)]
    );
    let hero = ok(
        &raw,
        Method::GET,
        &format!("data/entities/{}", show.hero),
        Value::Null,
    )
    .await;
    assert_eq!(hero["entities_in"].as_array().unwrap().len(), 2);
    let full = ok(
        &raw,
        Method::GET,
        &format!("data/assets/{}", show.hero),
        Value::Null,
    )
    .await;
    assert_eq!(full["casting_episode_ids"], json!([show.episode]));

    // What Zou publishes, in order: the episode's asset, the link, the shot's casting.
    let published = kitsu.event_server().published();
    assert_eq!(
        published,
        [
            "asset:update",
            "entity-link:new",
            "asset:update",
            "entity-link:new",
            "shot:casting-update",
        ]
    );

    // Taking the sword out of the shot takes it out of the episode (no shot needs it).
    let casting = json!([{"asset_id": show.hero, "nb_occurences": 2, "label": "animate"}]);
    ok(&raw, Method::PUT, &casting_path(&show, shot), casting).await;
    let episode = ok(
        &raw,
        Method::GET,
        &casting_path(&show, &show.episode),
        Value::Null,
    )
    .await;
    assert_eq!(episode.as_array().unwrap().len(), 1);
    let published = kitsu.event_server().published();
    assert_eq!(
        published[5..],
        [
            "entity-link:new",
            "shot:casting-update",
            "episode:casting-update",
            "asset:update",
        ]
    );
}

#[tokio::test]
async fn castings_of_sequences_asset_types_and_cast_in() {
    let (_kitsu, raw, show) = show().await;
    for (shot, nb) in show.shots.iter().zip([1, 3]) {
        ok(
            &raw,
            Method::PUT,
            &casting_path(&show, shot),
            json!([{"asset_id": show.hero, "nb_occurences": nb}]),
        )
        .await;
    }
    // An environment with a prop set-dressed in it.
    ok(
        &raw,
        Method::PUT,
        &casting_path(&show, &show.forest),
        json!([{"asset_id": show.sword, "nb_occurences": 4}]),
    )
    .await;

    let project = &show.project;
    let sequence = ok(
        &raw,
        Method::GET,
        &format!(
            "data/projects/{project}/sequences/{}/casting",
            show.sequence
        ),
        Value::Null,
    )
    .await;
    assert_eq!(
        sequence[&show.shots[1]],
        json!([{"asset_id": show.hero, "name": "Hero", "asset_name": "Hero",
                "asset_type_name": "Character", "sequence_name": "SQ01", "preview_file_id": null,
                "nb_occurences": 3, "label": "", "is_shared": false, "project_id": project}])
    );
    assert_eq!(sequence.as_object().unwrap().len(), 2);
    for path in [
        format!("data/projects/{project}/sequences/all/casting"),
        format!(
            "data/projects/{project}/episodes/{}/sequences/all/casting",
            show.episode
        ),
    ] {
        assert_eq!(ok(&raw, Method::GET, &path, Value::Null).await, sequence);
    }
    assert_eq!(
        raw.get(&format!(
            "data/projects/{project}/sequences/{}/casting",
            uuid_like()
        ))
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    let environments = ok(
        &raw,
        Method::GET,
        &format!(
            "data/projects/{project}/asset-types/{}/casting",
            kitsu_environment(&raw).await
        ),
        Value::Null,
    )
    .await;
    assert_eq!(
        environments[&show.forest],
        json!([{"asset_id": show.sword, "name": "Sword", "asset_name": "Sword",
                "asset_type_name": "Prop", "preview_file_id": null, "nb_occurences": 4,
                "label": ""}])
    );
    assert_eq!(
        ok(
            &raw,
            Method::GET,
            &format!(
                "data/projects/{project}/asset-types/{}/casting",
                show.character
            ),
            Value::Null,
        )
        .await,
        json!({})
    );

    let cast_in = ok(
        &raw,
        Method::GET,
        &format!("data/assets/{}/cast-in", show.hero),
        Value::Null,
    )
    .await;
    assert_eq!(
        cast_in,
        json!([
            {"shot_id": show.shots[0], "shot_name": "SH010", "sequence_name": "SQ01",
             "episode_id": show.episode, "episode_name": "E01", "preview_file_id": null,
             "nb_occurences": 1},
            {"shot_id": show.shots[1], "shot_name": "SH020", "sequence_name": "SQ01",
             "episode_id": show.episode, "episode_name": "E01", "preview_file_id": null,
             "nb_occurences": 3},
        ])
    );
    let cast_in = ok(
        &raw,
        Method::GET,
        &format!("data/assets/{}/cast-in", show.sword),
        Value::Null,
    )
    .await;
    assert_eq!(
        cast_in,
        json!([{"asset_id": show.forest, "asset_name": "Forest",
                "asset_type_name": "Environment", "preview_file_id": null, "nb_occurences": 4}])
    );
    assert_eq!(
        raw.get(&format!("data/assets/{}/cast-in", uuid_like()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

async fn kitsu_environment(raw: &Raw) -> String {
    let (_, types) = raw.get("data/entity-types?name=Environment").await;
    types[0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn one_asset_in_several_entities() {
    let (kitsu, raw, show) = show().await;
    let path = format!(
        "data/projects/{}/entities/casting/assets/{}",
        show.project, show.sword
    );
    let answer = ok(
        &raw,
        Method::PUT,
        &path,
        json!({"entity_ids": show.shots, "nb_occurences": 3, "label": "fixed"}),
    )
    .await;
    for shot in &show.shots {
        assert_eq!(answer[shot][0]["nb_occurences"], json!(3));
        assert_eq!(answer[shot][0]["label"], json!("fixed"));
    }
    // Without a count or label, the link keeps its own.
    let answer = ok(
        &raw,
        Method::PUT,
        &path,
        json!({"entity_ids": [show.shots[0]]}),
    )
    .await;
    assert_eq!(answer[&show.shots[0]][0]["nb_occurences"], json!(3));
    assert!(
        kitsu
            .event_server()
            .published()
            .contains(&"entity-link:update".to_owned())
    );
    // 0 takes it out.
    let answer = ok(
        &raw,
        Method::PUT,
        &path,
        json!({"entity_ids": [show.shots[0]], "nb_occurences": 0}),
    )
    .await;
    assert_eq!(answer[&show.shots[0]], json!([]));

    // Several castings at once.
    let several = format!("data/projects/{}/entities/casting", show.project);
    let body = json!({ &show.shots[0]: [{"asset_id": show.hero, "nb_occurences": 1}] });
    assert_eq!(ok(&raw, Method::PUT, &several, body.clone()).await, body);

    // Zou's refusals.
    assert_eq!(
        raw.json(Method::PUT, &path, json!({})).await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Validation error.",
                   "data": {"errors": [{"field": "entity_ids", "message": "Field required"}]}})
        )
    );
    assert_eq!(
        raw.json(
            Method::PUT,
            &format!(
                "data/projects/{}/entities/casting/assets/{}",
                show.project,
                uuid_like()
            ),
            json!({"entity_ids": [show.shots[0]]})
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        raw.json(Method::PUT, &several, json!([])).await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true,
                   "message": "Request body must be a JSON object mapping entity ids to casting arrays"})
        )
    );
    assert_eq!(
        raw.json(
            Method::PUT,
            &casting_path(&show, &show.shots[0]),
            json!({"asset_id": show.hero})
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Request body must be a JSON array"})
        )
    );
    assert_eq!(
        raw.get(&casting_path(&show, uuid_like())).await.0,
        StatusCode::NOT_FOUND
    );
    // An entity of another project is refused.
    let other = kitsu.seed(|seed| seed.project("Other"));
    assert_eq!(
        raw.get(&format!(
            "data/projects/{other}/entities/{}/casting",
            show.shots[0]
        ))
        .await
        .0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn deleting_a_shot_drops_its_casting() {
    let (_kitsu, raw, show) = show().await;
    ok(
        &raw,
        Method::PUT,
        &casting_path(&show, &show.shots[0]),
        json!([{"asset_id": show.hero, "nb_occurences": 1}]),
    )
    .await;
    let (status, _) = raw
        .send(
            Method::DELETE,
            &format!("data/shots/{}?force=true", show.shots[0]),
            None,
            bytes::Bytes::new(),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        ok(
            &raw,
            Method::GET,
            &format!("data/assets/{}/cast-in", show.hero),
            Value::Null
        )
        .await,
        json!([])
    );
}

#[tokio::test]
async fn entity_links_of_a_project() {
    let (kitsu, raw, show) = show().await;
    ok(
        &raw,
        Method::PUT,
        &casting_path(&show, &show.shots[0]),
        json!([{"asset_id": show.hero, "nb_occurences": 2, "label": "animate"}]),
    )
    .await;
    let project = &show.project;
    // The shot's link and the episode's automatic one, by creation.
    let links = ok(
        &raw,
        Method::GET,
        &format!("data/projects/{project}/entity-links"),
        Value::Null,
    )
    .await;
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 2);
    let shot_link = links
        .iter()
        .find(|l| l["entity_in_id"] == json!(show.shots[0]))
        .unwrap()
        .clone();
    let auto = links
        .iter()
        .find(|l| l["entity_in_id"] == json!(show.episode))
        .unwrap();
    assert_eq!(auto["data"], json!({"auto": true}));
    assert_eq!(
        (
            shot_link["data"].clone(),
            shot_link["type"].clone(),
            shot_link["nb_occurences"].clone()
        ),
        (Value::Null, json!("EntityLink"), json!(2))
    );
    assert_eq!(
        shot_link["created_at"].as_str().unwrap().len(),
        26,
        "microseconds"
    );
    let page = ok(
        &raw,
        Method::GET,
        &format!("data/projects/{project}/entity-links?page=1&limit=1"),
        Value::Null,
    )
    .await;
    assert_eq!(
        (
            page["total"].clone(),
            page["nb_pages"].clone(),
            page["data"].as_array().unwrap().len()
        ),
        (json!(2), json!(2), 1)
    );
    // The generic collection.
    let link_id = shot_link["id"].as_str().unwrap();
    let generic = ok(
        &raw,
        Method::GET,
        &format!("data/entity-links/{link_id}"),
        Value::Null,
    )
    .await;
    assert_eq!(generic["label"], json!("animate"));

    // The episodes' castings (Zou joins no type: every entity of the project with a cast).
    let castings = ok(
        &raw,
        Method::GET,
        &format!("data/projects/{project}/episodes/casting"),
        Value::Null,
    )
    .await;
    assert_eq!(castings[&show.episode][0]["nb_occurences"], json!(1));
    assert_eq!(castings[&show.shots[0]][0]["asset_name"], json!("Hero"));

    // Removing the link uncasts the asset (and its episode's automatic link), answers the link.
    let removed = raw
        .send(
            Method::DELETE,
            &format!("data/projects/{project}/entity-links/{link_id}"),
            None,
            bytes::Bytes::new(),
            None,
        )
        .await;
    assert_eq!(removed.0, StatusCode::OK);
    assert_eq!(removed.1["id"], json!(link_id));
    assert_eq!(
        ok(
            &raw,
            Method::GET,
            &casting_path(&show, &show.shots[0]),
            Value::Null
        )
        .await,
        json!([])
    );
    assert_eq!(
        ok(
            &raw,
            Method::GET,
            &casting_path(&show, &show.episode),
            Value::Null
        )
        .await,
        json!([])
    );
    let published = kitsu.event_server().published();
    assert_eq!(
        published[published.len() - 3..],
        [
            "shot:casting-update",
            "episode:casting-update",
            "asset:update"
        ]
    );
    assert_eq!(
        raw.send(
            Method::DELETE,
            &format!("data/projects/{project}/entity-links/{link_id}"),
            None,
            bytes::Bytes::new(),
            None,
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}
