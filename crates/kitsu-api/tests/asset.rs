//! Assets against the fake Kitsu: the routes it serves (a project's assets, one asset, asset
//! types, creation and deletion). Casting, instances, entities and the context are proven
//! against the real Zou by the route oracle (`cargo xtask oracle --module asset`…).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use http::Method;
use kitsu_api::Client;
use kitsu_api::ids::{AssetId, AssetTypeId, ProjectId};
use kitsu_mock::MockKitsu;

struct World {
    kitsu: MockKitsu,
    client: Client,
    project: ProjectId,
    character: AssetTypeId,
    hero: AssetId,
}

async fn world() -> World {
    let kitsu = MockKitsu::builder().start().await.unwrap();
    let (project, character, hero) = kitsu.seed(|seed| {
        let project = seed.project("Assets");
        let character = seed.asset_type("Character");
        let hero = seed.asset(&project, "Character", "Hero");
        (project, character, hero)
    });
    let client = support::admin_client(&kitsu).await;
    World {
        kitsu,
        client,
        project: project.parse().unwrap(),
        character: character.parse().unwrap(),
        hero: hero.parse().unwrap(),
    }
}

#[tokio::test]
async fn a_projects_assets_and_one_asset() {
    let w = world().await;
    let assets = w.client.project(w.project).assets().await.unwrap();
    assert_eq!(assets.len(), 1);
    assert_eq!(assets[0].name, "Hero");
    let hero = w.client.asset(w.hero).get().await.unwrap();
    assert_eq!(hero.entity_type_id, Some(w.character));
    assert_eq!(hero.project_id, Some(w.project));
}

#[tokio::test]
async fn asset_types_by_id_and_in_all() {
    let w = world().await;
    let all = w.client.asset_types().list().await.unwrap();
    assert!(
        all.iter()
            .any(|t| t.id == w.character && t.name == "Character")
    );
    let one = w.client.asset_type(w.character).get().await.unwrap();
    assert_eq!(one.name, "Character");
}

#[tokio::test]
async fn new_assets_take_the_builders_fields() {
    let w = world().await;
    let prop = w
        .client
        .project(w.project)
        .new_asset(w.character, "Prop")
        .description("a prop")
        .shared(false)
        .await
        .unwrap();
    assert_eq!(prop.name, "Prop");
    assert_eq!(prop.description.as_deref(), Some("a prop"));
    let row = w.kitsu.row("entities", &prop.id.to_string());
    assert!(row.is_some() || w.kitsu.row("assets", &prop.id.to_string()).is_some());
}

#[tokio::test]
async fn an_asset_is_deleted_through_its_own_route() {
    let w = world().await;
    w.client.asset(w.hero).delete().await.unwrap();
    assert_eq!(
        w.kitsu
            .count(Method::DELETE, &format!("data/assets/{}", w.hero)),
        1
    );
}

#[tokio::test]
async fn casting_refuses_an_empty_entity_list_before_sending() {
    let w = world().await;
    let no_entities: [AssetId; 0] = [];
    let error = w
        .client
        .project(w.project)
        .cast_asset(w.hero, no_entities)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("at least one entity"), "{error}");
    assert!(
        w.kitsu
            .requests()
            .iter()
            .all(|request| !request.path.contains("casting"))
    );
}
