//! Assets, asset types, generic entities and entity types, asset instances, casting.

use std::collections::BTreeMap;

use kitsu_core::ids::{AssetInstanceId, EntityLinkId, EntityTypeId, SceneId};

use super::*;

model!(
    /// An asset type (Character, Prop…): a row of Zou's `entity-types`, read through
    /// `data/asset-types` (which leaves out the shot, sequence… types).
    AssetType: AssetTypeId in "asset-types" {
        /// Its name.
        name: String,
        /// Its short name, if any.
        short_name: Option<String>,
        /// Its description.
        description: Option<String>,
        /// The task types its assets get by default (only on some routes).
        task_types: Vec<TaskTypeId>,
        /// Whether it is archived.
        archived: Option<bool>,
    }
);

model!(
    /// An entity type: an asset type, or one of Zou's own (Shot, Sequence, Episode, Edit,
    /// Concept, Scene).
    EntityType: EntityTypeId in "entity-types" {
        /// Its name.
        name: String,
        /// Its short name, if any.
        short_name: Option<String>,
        /// Its description.
        description: Option<String>,
        /// The task types its entities get by default (only on some routes).
        task_types: Vec<TaskTypeId>,
        /// Whether it is archived.
        archived: Option<bool>,
    }
);

model!(
    /// An asset. `data/assets/<id>` adds `project_name`, `asset_type_name`, `episode_id`,
    /// `casting_episode_ids` and its `tasks` (kept in `other`); lists send the plain columns.
    Asset: AssetId in "assets" {
        /// Its name.
        name: String,
        /// A sanitised name, if set.
        code: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its asset type.
        entity_type_id: Option<AssetTypeId> => opt_id,
        /// Its asset type again, on `data/assets/<id>`.
        asset_type_id: Option<AssetTypeId> => opt_id,
        /// Its asset type's name, on `data/assets/<id>`.
        asset_type_name: Option<String>,
        /// Its project's name, on `data/assets/<id>`.
        project_name: Option<String>,
        /// Its parent entity (rarely used for assets).
        parent_id: Option<EntityId> => opt_id,
        /// The episode it belongs to (Zou's column; absent for the main pack).
        source_id: Option<EpisodeId> => opt_id,
        /// The episode it belongs to, as `data/assets/<id>` names it.
        episode_id: Option<EpisodeId> => opt_id,
        /// Its main preview.
        preview_file_id: Option<PreviewFileId> => opt_id,
        /// The task type it is ready for.
        ready_for: Option<TaskTypeId> => opt_id,
        /// Who created it.
        created_by: Option<PersonId> => opt_id,
        /// Whether it was (soft) deleted.
        canceled: Option<bool>,
        /// Whether it is shared between projects.
        is_shared: Option<bool>,
        /// Whether its casting is on standby.
        is_casting_standby: Option<bool>,
        /// Its status (`running`…).
        status: Option<String>,
        /// How many entities are cast in it.
        nb_entities_out: Option<i64>,
        /// Its id in Shotgun, when imported from it.
        shotgun_id: Option<i64>,
        /// The assets cast in it (on `data/assets/<id>` and `data/entities/<id>`).
        entities_out: Vec<EntityId>,
        /// The entities it is cast in (on `data/entities/<id>` answers).
        entities_in: Vec<EntityId>,
        /// Free data (custom fields).
        data: Option<Value>,
    }
);

model!(
    /// Any entity (shot, sequence, episode, asset, edit, concept, scene), as the generic
    /// `data/entities` routes send it.
    Entity: EntityId in "entities" {
        /// Its name.
        name: String,
        /// A sanitised name, if set.
        code: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its type (an asset type, or Shot, Sequence…).
        entity_type_id: Option<EntityTypeId> => opt_id,
        /// Its parent (a shot's sequence, a sequence's episode).
        parent_id: Option<EntityId> => opt_id,
        /// Its source (an asset's episode).
        source_id: Option<EntityId> => opt_id,
        /// Its main preview.
        preview_file_id: Option<PreviewFileId> => opt_id,
        /// The task type it is ready for.
        ready_for: Option<TaskTypeId> => opt_id,
        /// Who created it.
        created_by: Option<PersonId> => opt_id,
        /// Its length in frames (shots).
        nb_frames: Option<i64>,
        /// How many entities are cast in it.
        nb_entities_out: Option<i64>,
        /// Whether it was (soft) deleted.
        canceled: Option<bool>,
        /// Whether it is shared between projects.
        is_shared: Option<bool>,
        /// Whether its casting is on standby.
        is_casting_standby: Option<bool>,
        /// Its status (`running`…).
        status: Option<String>,
        /// Its id in Shotgun, when imported from it.
        shotgun_id: Option<i64>,
        /// The entities cast in it (on `data/entities/<id>`).
        entities_out: Vec<EntityId>,
        /// The entities it is cast in (on `data/entities/<id>`).
        entities_in: Vec<EntityId>,
        /// Free data (custom fields).
        data: Option<Value>,
    }
);

model!(
    /// An asset instance: an asset placed in a shot, a scene or another asset, numbered.
    AssetInstance: AssetInstanceId in "asset-instances" {
        /// The asset instantiated.
        asset_id: Option<AssetId> => opt_id,
        /// Its name (`Prop1_0001`).
        name: Option<String>,
        /// Its number.
        number: Option<i64>,
        /// Its description.
        description: Option<String>,
        /// Whether it is active.
        active: Option<bool>,
        /// Free data.
        data: Option<Value>,
        /// The scene it is placed in, if any.
        scene_id: Option<SceneId> => opt_id,
        /// The asset it is placed in, if any.
        target_asset_id: Option<AssetId> => opt_id,
        /// The entity it is placed in, if any.
        entity_id: Option<EntityId> => opt_id,
        /// That entity's type.
        entity_type_id: Option<EntityTypeId> => opt_id,
    }
);

model!(
    /// An entity link: one casting link (`entity_out` cast in `entity_in`).
    EntityLink: EntityLinkId in "entity-links" {
        /// The entity the asset is cast in (a shot, an asset, an episode).
        entity_in_id: Option<EntityId> => opt_id,
        /// The asset cast.
        entity_out_id: Option<EntityId> => opt_id,
        /// How many times it appears.
        nb_occurences: Option<i64>,
        /// Its label (`fixed`, `animate`…).
        label: Option<String>,
        /// Free data (`{"auto": true}` for the links Zou derives for episodes).
        data: Option<Value>,
    }
);

/// One asset of a casting: what `get_shot_casting` and the other casting routes list.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct CastEntry {
    /// The asset cast.
    pub asset_id: AssetId,
    /// Its name.
    #[serde(default)]
    pub asset_name: Option<String>,
    /// Its name again (on the by-sequence and by-episode routes).
    #[serde(default)]
    pub name: Option<String>,
    /// Its asset type's name.
    #[serde(default)]
    pub asset_type_name: Option<String>,
    /// The episode it belongs to, if any.
    #[serde(default, deserialize_with = "opt_id")]
    pub episode_id: Option<EpisodeId>,
    /// The sequence of the shot it is cast in (on the by-sequence routes).
    #[serde(default)]
    pub sequence_name: Option<String>,
    /// Its main preview.
    #[serde(default, deserialize_with = "opt_id")]
    pub preview_file_id: Option<PreviewFileId>,
    /// The task type it is ready for.
    #[serde(default, deserialize_with = "opt_id")]
    pub ready_for: Option<TaskTypeId>,
    /// How many times it appears.
    #[serde(default)]
    pub nb_occurences: Option<i64>,
    /// Its label (`fixed`, `animate`…).
    #[serde(default)]
    pub label: Option<String>,
    /// Whether it is shared between projects.
    #[serde(default)]
    pub is_shared: Option<bool>,
    /// Its project.
    #[serde(default, deserialize_with = "opt_id")]
    pub project_id: Option<ProjectId>,
    /// Every other field Zou sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Castings by entity (shot, episode or asset id): what the by-sequence, by-episode, by-project
/// and by-asset-type casting routes answer.
pub type CastingMap = BTreeMap<EntityId, Vec<CastEntry>>;

/// Where an asset is cast: a shot (`shot_*` fields) or an asset (`asset_*` fields).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct CastIn {
    /// The shot it is cast in, if a shot.
    #[serde(default, deserialize_with = "opt_id")]
    pub shot_id: Option<ShotId>,
    /// That shot's name.
    #[serde(default)]
    pub shot_name: Option<String>,
    /// That shot's sequence's name.
    #[serde(default)]
    pub sequence_name: Option<String>,
    /// That shot's episode, if any.
    #[serde(default, deserialize_with = "opt_id")]
    pub episode_id: Option<EpisodeId>,
    /// That episode's name.
    #[serde(default)]
    pub episode_name: Option<String>,
    /// The asset it is cast in, if an asset.
    #[serde(default, deserialize_with = "opt_id")]
    pub asset_id: Option<AssetId>,
    /// That asset's name.
    #[serde(default)]
    pub asset_name: Option<String>,
    /// That asset's type's name.
    #[serde(default)]
    pub asset_type_name: Option<String>,
    /// The preview of the entity it is cast in.
    #[serde(default, deserialize_with = "opt_id")]
    pub preview_file_id: Option<PreviewFileId>,
    /// How many times it appears there.
    #[serde(default)]
    pub nb_occurences: Option<i64>,
    /// Every other field Zou sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One line of a new casting (`project.set_casting(shot, &[CastLink::new(asset, 2)])`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct CastLink {
    /// The asset cast.
    pub asset_id: AssetId,
    /// How many times it appears.
    pub nb_occurences: u32,
    /// Its label (`fixed`, `animate`…); Zou takes `""` when absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub label: Option<String>,
}

impl CastLink {
    /// `asset` cast `nb_occurences` times, without a label.
    pub fn new(asset: AssetId, nb_occurences: u32) -> Self {
        CastLink {
            asset_id: asset,
            nb_occurences,
            label: None,
        }
    }

    /// With a label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl From<&CastEntry> for CastLink {
    fn from(entry: &CastEntry) -> Self {
        CastLink {
            asset_id: entry.asset_id,
            nb_occurences: entry
                .nb_occurences
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(1),
            label: entry.label.clone().filter(|label| !label.is_empty()),
        }
    }
}

/// Asset instances grouped by where they are placed (a shot's, a scene's or an asset's id, as
/// Zou writes it: `"None"` for instances placed nowhere of that kind).
pub type AssetInstancesBy = BTreeMap<String, Vec<AssetInstance>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_real_asset_and_its_casting() {
        let asset: Asset = serde_json::from_str(
            r#"{"id":"e384c012-0795-49c3-b32a-5db48991d012","name":"Hero","code":null,"description":"desc","shotgun_id":null,"canceled":false,"nb_entities_out":0,"is_casting_standby":false,"is_shared":false,"status":"running","project_id":"ae52ba21-03ff-4bcb-ad1a-45853dff2305","entity_type_id":"e42499ce-ad50-4de6-a8e0-ef2521fab440","parent_id":null,"preview_file_id":"","data":{},"ready_for":"None","created_by":"99d6a163-9255-463f-8d4b-7969fe35cace","entities_out":[],"entity_concept_links":[],"instance_casting":[],"created_at":"2026-11-25T15:58:50","updated_at":"2026-11-25T15:58:50","entities_in":[],"type":"Asset","project_name":"asset-probe","asset_type_id":"e42499ce-ad50-4de6-a8e0-ef2521fab440","asset_type_name":"Character","episode_id":"2ec754c4-d08b-4439-ae48-bfdcc0fb740a","casting_episode_ids":[],"tasks":[]}"#,
        )
        .unwrap();
        assert_eq!(asset.asset_type_name.as_deref(), Some("Character"));
        assert_eq!(asset.preview_file_id, None);
        assert_eq!(asset.ready_for, None);
        assert!(asset.episode_id.is_some());
        assert_eq!(asset.other["tasks"], serde_json::json!([]));
        let casting: CastingMap = serde_json::from_str(
            r#"{"44692cf9-94ca-4049-8107-02d17d40c089":[{"asset_id":"e384c012-0795-49c3-b32a-5db48991d012","name":"Hero","asset_name":"Hero","asset_type_name":"Character","sequence_name":"SQ01","preview_file_id":null,"nb_occurences":2,"label":"","is_shared":false,"project_id":"ae52ba21-03ff-4bcb-ad1a-45853dff2305"}]}"#,
        )
        .unwrap();
        let entries = casting.values().next().unwrap();
        assert_eq!(entries[0].nb_occurences, Some(2));
        let link = CastLink::from(&entries[0]);
        assert_eq!(
            serde_json::to_value(&link).unwrap(),
            serde_json::json!({"asset_id": "e384c012-0795-49c3-b32a-5db48991d012", "nb_occurences": 2})
        );
        let cast_in: Vec<CastIn> = serde_json::from_str(
            r#"[{"shot_id":"44692cf9-94ca-4049-8107-02d17d40c089","shot_name":"SH010","sequence_name":"SQ01","episode_id":"None","episode_name":"E01","preview_file_id":null,"nb_occurences":2}]"#,
        )
        .unwrap();
        assert_eq!(cast_in[0].episode_id, None);
        assert_eq!(cast_in[0].shot_name.as_deref(), Some("SH010"));
    }

    #[test]
    fn reads_instances_links_and_types() {
        let by: AssetInstancesBy = serde_json::from_str(
            r#"{"None":[{"asset_id":"a8ea511a-4c2f-4a76-bae2-8f0ee87e16d7","name":"Prop1_0001","number":1,"description":"an instance","active":true,"data":null,"scene_id":null,"target_asset_id":"e384c012-0795-49c3-b32a-5db48991d012","entity_id":null,"entity_type_id":null,"id":"8ae10f4f-ec1d-4c80-bd57-3f2342328b1f","type":"AssetInstance"}]}"#,
        )
        .unwrap();
        assert_eq!(by["None"][0].number, Some(1));
        let link: EntityLink = serde_json::from_str(
            r#"{"id":"58b1585b-329d-4e58-9f50-57c117c7fed7","entity_in_id":"2ec754c4-d08b-4439-ae48-bfdcc0fb740a","entity_out_id":"e384c012-0795-49c3-b32a-5db48991d012","nb_occurences":1,"label":"fixed","data":{"auto":true},"created_at":"2026-11-25T15:58:50.879908","type":"EntityLink"}"#,
        )
        .unwrap();
        assert_eq!(link.label.as_deref(), Some("fixed"));
        let kind: EntityType = serde_json::from_str(
            r#"{"name":"Character","short_name":null,"description":null,"task_types":[],"archived":false,"id":"e42499ce-ad50-4de6-a8e0-ef2521fab440","type":"EntityType"}"#,
        )
        .unwrap();
        assert_eq!(kind.archived, Some(false));
    }
}
