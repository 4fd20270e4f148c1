//! gazu's `sync` between two fake Kitsus: a production's assets, episodes, sequences, shots,
//! casting and tasks pushed from one instance to a project of another (independent ids for the
//! studio's types, statuses and persons, matched by name or email), ids and dates kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use kitsu_api::{Client, Query};
use kitsu_mock::MockKitsu;

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

fn ids<T>(rows: &[T], id: impl Fn(&T) -> String) -> BTreeSet<String> {
    rows.iter().map(id).collect()
}

#[tokio::test]
async fn a_production_moves_to_another_instance() {
    let (_source_kitsu, source) = demo().await;
    let (_target_kitsu, target) = demo().await;
    let project = source.projects().list().await.unwrap().remove(0);
    let copy = target.projects().create_named("Copy").await.unwrap();
    let push = source.sync_to(&target);

    // The studio-wide rows are matched by name (persons by email), not by id.
    let task_types = push.task_type_id_map().await.unwrap();
    assert!(!task_types.is_empty());
    assert!(task_types.iter().all(|(from, to)| from != to));
    assert!(!push.person_id_map().await.unwrap().is_empty());

    let pushed = push.push_project_entities(&project, copy.id).await.unwrap();
    let (from, to) = (source.project(project.id), target.project(copy.id));
    let shot_ids = |shots: &[kitsu_api::models::Shot]| ids(shots, |shot| shot.id.to_string());
    let source_shots = from.shots().await.unwrap();
    assert!(!source_shots.is_empty());
    assert_eq!(
        shot_ids(&to.shots().await.unwrap()),
        shot_ids(&source_shots)
    );
    assert_eq!(pushed.shots.len(), source_shots.len());
    let sequence_ids = |rows: &[kitsu_api::models::Sequence]| ids(rows, |row| row.id.to_string());
    assert_eq!(
        sequence_ids(&to.sequences().await.unwrap()),
        sequence_ids(&from.sequences().await.unwrap())
    );
    let asset_ids = |rows: &[kitsu_api::models::Asset]| ids(rows, |row| row.id.to_string());
    let source_assets = from.assets().await.unwrap();
    assert_eq!(
        asset_ids(&to.assets().await.unwrap()),
        asset_ids(&source_assets)
    );
    assert_eq!(
        to.entity_links().await.unwrap().len(),
        from.entity_links().await.unwrap().len()
    );

    // Tasks: every one, with the target's status given.
    let status = target.task_statuses().list().await.unwrap().remove(0);
    let pushed = push
        .push_tasks(project.id, copy.id, status.id)
        .await
        .unwrap();
    let source_tasks = source
        .tasks()
        .list_with(&Query::new().param("project_id", project.id))
        .await
        .unwrap();
    assert_eq!(pushed.len(), source_tasks.len());
    let target_tasks = target
        .tasks()
        .list_with(&Query::new().param("project_id", copy.id))
        .await
        .unwrap();
    assert_eq!(
        ids(&target_tasks, |task| task.id.to_string()),
        ids(&source_tasks, |task| task.id.to_string())
    );
    assert!(
        target_tasks
            .iter()
            .all(|task| task.task_status_id == Some(status.id))
    );
    // Pushed again: updated in place, nothing doubled.
    push.push_shots(project.id, copy.id).await.unwrap();
    assert_eq!(to.shots().await.unwrap().len(), source_shots.len());
}
