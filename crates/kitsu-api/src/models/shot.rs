//! Episodes, sequences, shots, scenes, edits and concepts: rows of Zou's `entity` table, each
//! kind with its own routes (`data/shots/<id>`, `data/episodes/<id>`…), and asset instances.
//!
//! Every kind has the `entity` table's columns; the kind's own routes join in names
//! (`project_name`, `sequence_name`, `episode_id`…), and `GET data/shots/<id>` also lifts
//! `frame_in`, `frame_out` and `fps` out of `data`. What is not named here stays in `other`
//! (the `tasks` of a single shot, its `entities_out`…).

use super::*;
use kitsu_core::ids::{ConceptId, EditId, EntityTypeId, SceneId, TaskTypeId};

/// Reads a frame number (Zou lifts it from a shot's free `data`, so it may be a number or a
/// numeric string); anything else reads as absent (the original stays in `data`).
fn opt_frame<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Number(number)) => number
            .as_i64()
            .or_else(|| number.as_f64().map(|float| float.round() as i64)),
        Some(Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    })
}

/// Declares an entity kind: the `entity` table's columns, the parent's id kind, then its own.
macro_rules! entity_model {
    ($(#[$meta:meta])* $name:ident : $id:ident in $collection:literal, parent $parent:ty {
        $($(#[$field_meta:meta])* $field:ident : $ty:ty $(=> $with:path)?),* $(,)?
    }) => {
        model!(
            $(#[$meta])*
            $name: $id in $collection {
                /// Its name.
                name: String,
                /// Its code (a sanitised name), if set.
                code: Option<String>,
                /// Its description.
                description: Option<String>,
                /// Its id in Shotgun, for imported rows.
                shotgun_id: Option<i64>,
                /// Whether it was (soft) deleted.
                canceled: Option<bool>,
                /// Its length in frames (shots).
                nb_frames: Option<i64>,
                /// How many entities it is linked to (casting).
                nb_entities_out: Option<i64>,
                /// Whether its casting is on stand-by.
                is_casting_standby: Option<bool>,
                /// Whether it is shared with other projects.
                is_shared: Option<bool>,
                /// `standby`, `running`, `complete` or `canceled`.
                status: Option<String>,
                /// Its project.
                project_id: Option<ProjectId> => opt_id,
                /// Its project's name, when the route joins it in.
                project_name: Option<String>,
                /// Its entity type (Shot, Sequence, Episode…).
                entity_type_id: Option<EntityTypeId> => opt_id,
                /// Its parent in Zou's tree.
                parent_id: Option<$parent> => opt_id,
                /// The entity it was made from (a shot's scene), if any.
                source_id: Option<EntityId> => opt_id,
                /// Its main preview, if any.
                preview_file_id: Option<PreviewFileId> => opt_id,
                /// Free data (custom fields, a shot's `frame_in` and `frame_out`).
                data: Option<Value>,
                /// The task type it is ready for, if any.
                ready_for: Option<TaskTypeId> => opt_id,
                /// Who created it.
                created_by: Option<PersonId> => opt_id,
                $($(#[$field_meta])* $field: $ty $(=> $with)?,)*
            }
        );
    };
}

entity_model!(
    /// An episode of a TV show.
    Episode: EpisodeId in "episodes", parent EntityId {}
);

entity_model!(
    /// A sequence, under an episode in a TV show.
    Sequence: SequenceId in "sequences", parent EpisodeId {
        /// Its episode, when the route joins it in (the same as `parent_id`).
        episode_id: Option<EpisodeId> => opt_id,
        /// Its episode's name, when the route joins it in.
        episode_name: Option<String>,
    }
);

entity_model!(
    /// A shot; its parent is its sequence.
    Shot: ShotId in "shots", parent SequenceId {
        /// Its sequence, when the route joins it in (the same as `parent_id`).
        sequence_id: Option<SequenceId> => opt_id,
        /// Its sequence's name, when the route joins it in.
        sequence_name: Option<String>,
        /// Its episode, when the route joins it in.
        episode_id: Option<EpisodeId> => opt_id,
        /// Its episode's name, when the route joins it in.
        episode_name: Option<String>,
        /// Its first frame (`GET data/shots/<id>` lifts it out of `data`).
        frame_in: Option<i64> => opt_frame,
        /// Its last frame (`GET data/shots/<id>` lifts it out of `data`).
        frame_out: Option<i64> => opt_frame,
        /// Its frame rate, as Zou gives it (from `data`), if set.
        fps: Option<String> => opt_number_text,
    }
);

entity_model!(
    /// A layout scene, in a sequence; shots can be made from it.
    Scene: SceneId in "scenes", parent SequenceId {
        /// Its sequence, when the route joins it in (the same as `parent_id`).
        sequence_id: Option<SequenceId> => opt_id,
        /// Its sequence's name, when the route joins it in.
        sequence_name: Option<String>,
        /// Its episode, when the route joins it in.
        episode_id: Option<EpisodeId> => opt_id,
        /// Its episode's name, when the route joins it in.
        episode_name: Option<String>,
    }
);

entity_model!(
    /// An edit (a cut), of a project or of one of its episodes.
    Edit: EditId in "edits", parent EpisodeId {
        /// Its episode, when the route joins it in (the same as `parent_id`).
        episode_id: Option<EpisodeId> => opt_id,
        /// Its episode's name, when the route joins it in (`""` for none).
        episode_name: Option<String>,
    }
);

entity_model!(
    /// A concept (a piece of concept art), linked to the entities it depicts.
    Concept: ConceptId in "concepts", parent EntityId {
        /// The entities it depicts: their ids in lists, the entities themselves where Zou
        /// joins them in.
        entity_concept_links: Option<Vec<Value>>,
        /// The status of its main preview, when the route joins it in.
        preview_file_status: Option<String>,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_shot_as_zou_sends_it() {
        let shot: Shot = serde_json::from_value(serde_json::json!({
            "id": "6093b5a1-8dda-4d99-a5c7-ff30aa9111f8", "name": "SH010", "code": null,
            "description": null, "canceled": false, "nb_frames": 48,
            "data": {"frame_in": 1, "frame_out": "48"}, "entity_type_id": "994a102e-4c5a-4597-adbf-0b76bafacc63",
            "episode_id": "540617f9-e08e-450c-9e99-554c86ac5597", "episode_name": "E01",
            "fps": null, "frame_in": 1, "frame_out": "48", "parent_id": "b2481930-d0ec-4657-b41f-496981980287",
            "preview_file_id": null, "project_id": "6ca3f4c2-0197-41ea-8e29-66b17ca65c4e",
            "project_name": "P", "sequence_id": "b2481930-d0ec-4657-b41f-496981980287",
            "sequence_name": "SQ01", "source_id": null, "status": "running", "ready_for": null,
            "created_by": "99d6a163-9255-463f-8d4b-7969fe35cace", "tasks": [], "type": "Shot",
            "created_at": "2026-11-25T15:58:31", "updated_at": "2026-11-25T15:58:31"
        }))
        .unwrap();
        assert_eq!((shot.frame_in, shot.frame_out), (Some(1), Some(48)));
        assert_eq!(shot.fps, None);
        assert_eq!(shot.sequence_name.as_deref(), Some("SQ01"));
        assert_eq!(shot.parent_id, shot.sequence_id);
        assert_eq!(shot.status.as_deref(), Some("running"));
        assert_eq!(shot.other.keys().collect::<Vec<_>>(), ["tasks"]);
        let odd: Shot = serde_json::from_value(serde_json::json!({
            "id": "6093b5a1-8dda-4d99-a5c7-ff30aa9111f8", "name": "SH010",
            "frame_in": "start", "frame_out": 12.0, "fps": 24
        }))
        .unwrap();
        assert_eq!((odd.frame_in, odd.frame_out), (None, Some(12)));
        assert_eq!(odd.fps.as_deref(), Some("24"));
    }

    #[test]
    fn reads_the_other_kinds() {
        let concept: Concept = serde_json::from_value(serde_json::json!({
            "id": "76e1f0c4-72b8-47f3-8641-2f9ee5d986ad", "name": "CO01", "parent_id": null,
            "entity_concept_links": ["6093b5a1-8dda-4d99-a5c7-ff30aa9111f8"], "type": "Concept"
        }))
        .unwrap();
        assert_eq!(
            concept.entity_concept_links.map(|links| links.len()),
            Some(1)
        );
        let edit: Edit = serde_json::from_value(serde_json::json!({
            "id": "fe36f5b2-6850-449e-80d0-97871d96db5d", "name": "ED01", "episode_id": null,
            "episode_name": "", "parent_id": "None"
        }))
        .unwrap();
        assert_eq!((edit.episode_id, edit.parent_id), (None, None));
        let instances: std::collections::BTreeMap<AssetId, Vec<AssetInstance>> =
            serde_json::from_value(serde_json::json!({
                "6093b5a1-8dda-4d99-a5c7-ff30aa9111f8": [{
                    "id": "76e1f0c4-72b8-47f3-8641-2f9ee5d986ad", "name": "Hero_0001",
                    "number": 1, "asset_id": "6093b5a1-8dda-4d99-a5c7-ff30aa9111f8",
                    "scene_id": "87dc6874-47c4-41e9-a75b-d31ccee59cab", "target_asset_id": null
                }]
            }))
            .unwrap();
        let (asset, list) = instances.iter().next().unwrap();
        assert_eq!(list[0].asset_id, Some(*asset));
    }
}
