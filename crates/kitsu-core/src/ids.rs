//! Typed ids: a [`ShotId`] is not a [`TaskId`].
//!
//! Every Zou id is a UUID. Each kind of row has its own newtype over [`Uuid`], produced by the
//! models (`shot.id` is a `ShotId`) and taken by every helper, so passing a task's id where a
//! shot's belongs does not compile. Parsing a string is the only place an id is checked
//! ([`FromStr`], `TryFrom<&str>`); once made, an id is always safe to put in a route. Serde
//! reads and writes them as plain strings, as Zou does.
//!
//! Entities (shots, sequences, assets, episodes, edits, concepts, scenes) are also
//! [`EntityId`]s, as Zou's generic `entity_id` fields and `data/entities` routes see them:
//! `EntityId::from(shot.id)` converts, and `shot_id.entity()` does the same.
//!
//! ```
//! use kitsu_core::ids::{ShotId, EntityId};
//!
//! let shot: ShotId = "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11".parse()?;
//! assert_eq!(shot.to_string(), "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11");
//! let entity: EntityId = shot.into();
//! assert_eq!(entity.to_string(), shot.to_string());
//! assert!("../auth/logout".parse::<ShotId>().is_err());
//! # Ok::<(), kitsu_core::ids::InvalidId>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use uuid::Uuid;

/// A string that is not an id of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {kind} id: Kitsu ids are UUIDs (8-4-4-4-12 hexadecimal digits)")]
pub struct InvalidId {
    /// What kind of id was expected (`shot`, `task`…).
    pub kind: &'static str,
    /// The string given.
    pub value: String,
}

/// Parses a hyphenated UUID (the only form Zou writes), naming `kind` on failure.
pub fn parse_uuid(kind: &'static str, text: &str) -> Result<Uuid, InvalidId> {
    match Uuid::try_parse(text) {
        Ok(uuid) if text.len() == 36 => Ok(uuid),
        _ => Err(InvalidId {
            kind,
            value: text.to_owned(),
        }),
    }
}

/// What every typed id offers, for code generic over ids (the CRUD handle, the route table).
pub trait Id:
    Copy + Eq + std::hash::Hash + fmt::Display + fmt::Debug + FromStr<Err = InvalidId> + Send + Sync
{
    /// The kind of row it names, in words (`shot`, `task type`).
    const KIND: &'static str;
    /// The UUID inside.
    fn uuid(&self) -> Uuid;
    /// Wraps a UUID (no check needed: any UUID is a valid id of any kind).
    fn from_uuid(uuid: Uuid) -> Self;
}

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident => $kind:literal;)*) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                $name(uuid)
            }

            /// The UUID inside.
            pub const fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Id for $name {
            const KIND: &'static str = $kind;
            fn uuid(&self) -> Uuid {
                self.0
            }
            fn from_uuid(uuid: Uuid) -> Self {
                $name(uuid)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(text: &str) -> Result<Self, InvalidId> {
                parse_uuid($kind, text).map($name)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidId;
            fn try_from(text: &str) -> Result<Self, InvalidId> {
                text.parse()
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(text: String) -> Result<Self, InvalidId> {
                text.parse()
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0.hyphenated())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut buffer = Uuid::encode_buffer();
                serializer.serialize_str(self.0.hyphenated().encode_lower(&mut buffer))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(IdVisitor::<$name>(std::marker::PhantomData))
            }
        }
    )*};
}

/// Reads an id from a string, naming its kind on failure.
struct IdVisitor<I>(std::marker::PhantomData<I>);

impl<I: Id> Visitor<'_> for IdVisitor<I> {
    type Value = I;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a {} id (a UUID)", I::KIND)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<I, E> {
        text.parse().map_err(E::custom)
    }
}

macro_rules! entity_ids {
    ($($name:ident),*) => {$(
        impl From<$name> for EntityId {
            fn from(id: $name) -> EntityId {
                EntityId(id.0)
            }
        }

        impl $name {
            /// The same id as Zou's generic entity id.
            pub const fn entity(&self) -> EntityId {
                EntityId(self.0)
            }
        }
    )*};
}

ids! {
    /// A production's id.
    ProjectId => "project";
    /// A project status's id (Open, Closed).
    ProjectStatusId => "project status";
    /// An entity's id: any shot, sequence, episode, asset, edit, concept or scene.
    EntityId => "entity";
    /// An entity type's id (asset types are entity types too).
    EntityTypeId => "entity type";
    /// An asset type's id (Character, Prop…).
    AssetTypeId => "asset type";
    /// An episode's id.
    EpisodeId => "episode";
    /// A sequence's id.
    SequenceId => "sequence";
    /// A shot's id.
    ShotId => "shot";
    /// A scene's id.
    SceneId => "scene";
    /// An asset's id.
    AssetId => "asset";
    /// An edit's id.
    EditId => "edit";
    /// A concept's id.
    ConceptId => "concept";
    /// A task's id.
    TaskId => "task";
    /// A task type's id (Animation, Compositing…).
    TaskTypeId => "task type";
    /// A task status's id (Todo, WIP, Done…).
    TaskStatusId => "task status";
    /// A comment's id.
    CommentId => "comment";
    /// A preview file's id.
    PreviewFileId => "preview file";
    /// An attachment file's id.
    AttachmentFileId => "attachment file";
    /// A person's id.
    PersonId => "person";
    /// A department's id.
    DepartmentId => "department";
    /// A studio's id.
    StudioId => "studio";
    /// A playlist's id.
    PlaylistId => "playlist";
    /// A working file's id.
    WorkingFileId => "working file";
    /// An output file's id.
    OutputFileId => "output file";
    /// An output type's id.
    OutputTypeId => "output type";
    /// A software's id.
    SoftwareId => "software";
    /// A file status's id.
    FileStatusId => "file status";
    /// A notification's id.
    NotificationId => "notification";
    /// A time spent entry's id.
    TimeSpentId => "time spent";
    /// A metadata descriptor's id.
    MetadataDescriptorId => "metadata descriptor";
    /// A search filter's id.
    SearchFilterId => "search filter";
    /// An event's id.
    EventId => "event";

    // ---- project (studios, settings, budgets…) ----
    /// A budget's id.
    BudgetId => "budget";
    /// A budget entry's id.
    BudgetEntryId => "budget entry";
    /// A milestone's id.
    MilestoneId => "milestone";
    /// A status automation's id.
    StatusAutomationId => "status automation";
    /// A preview background file's id.
    PreviewBackgroundFileId => "preview background file";

    // ---- asset (asset instances, entity links, casting) ----
    /// An asset instance's id (an asset placed in a shot, a scene or another asset).
    AssetInstanceId => "asset instance";
    /// An entity link's id (one casting link: an asset cast in a shot, an asset or an episode).
    EntityLinkId => "entity link";

    // ---- collections (every other of Zou's 48) ----
    /// A chat's id (the discussion attached to an entity).
    ChatId => "chat";
    /// A chat message's id.
    ChatMessageId => "chat message";
    /// A custom action's id.
    CustomActionId => "custom action";
    /// A day off's id.
    DayOffId => "day off";
    /// A hardware item's id.
    HardwareItemId => "hardware item";
    /// A news entry's id (the production's news feed).
    NewsId => "news";
    /// The organisation's id (the studio's settings).
    OrganisationId => "organisation";
    /// A plugin's id (the row's UUID, not its `plugin_id` name).
    PluginId => "plugin";
    /// A production schedule version's id.
    ProductionScheduleVersionId => "production schedule version";
    /// The id of a task's link to a production schedule version.
    ProductionScheduleVersionTaskLinkId => "production schedule version task link";
    /// A project template's id.
    ProjectTemplateId => "project template";
    /// A salary scale's id.
    SalaryScaleId => "salary scale";
    /// A schedule item's id.
    ScheduleItemId => "schedule item";
    /// A search filter group's id.
    SearchFilterGroupId => "search filter group";
    /// A subscription's id (someone following a task).
    SubscriptionId => "subscription";
    /// The id of a task type's link to a project.
    TaskTypeLinkId => "task type link";
    /// The id of a task status's link to a project.
    TaskStatusLinkId => "task status link";

    // ---- person, user ----
    /// A desktop login log's id (one login on a workstation).
    DesktopLoginLogId => "desktop login log";

    // ---- playlist, project_template, sync ----
    /// A build job's id (a movie built from a playlist).
    BuildJobId => "build job";
    /// A playlist share link's id.
    ShareLinkId => "share link";
}

entity_ids!(
    ShotId, SequenceId, EpisodeId, AssetId, EditId, ConceptId, SceneId
);

#[cfg(test)]
mod tests {
    use super::*;

    const SHOT: &str = "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11";

    #[test]
    fn parsing_is_the_only_check() {
        let id: ShotId = SHOT.parse().expect("a UUID");
        assert_eq!(id.to_string(), SHOT);
        assert_eq!(format!("{id:?}"), format!("ShotId({SHOT})"));
        for bad in [
            "",
            "42",
            "../auth/logout",
            "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11/../x",
            "7b3e5b8c2f5a4d3e9c1a0e6f2b9d4a11",
            "{7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11}",
        ] {
            let error = bad.parse::<TaskId>().expect_err(bad);
            assert_eq!(error.kind, "task");
            assert!(error.to_string().contains("not a valid task id"), "{error}");
        }
    }

    #[test]
    fn serde_round_trips_plain_strings() {
        let id: ShotId = SHOT.parse().expect("a UUID");
        let json = serde_json::to_string(&id).expect("serialises");
        assert_eq!(json, format!("\"{SHOT}\""));
        let back: ShotId = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, id);
        let upper: ShotId =
            serde_json::from_str(&format!("\"{}\"", SHOT.to_uppercase())).expect("any case");
        assert_eq!(upper.to_string(), SHOT);
        let error = serde_json::from_str::<ShotId>("\"None\"").expect_err("not an id");
        assert!(error.to_string().contains("not a valid shot id"), "{error}");
        assert!(serde_json::from_str::<ShotId>("3").is_err());
    }

    #[test]
    fn entities_convert_to_entity_ids() {
        let shot: ShotId = SHOT.parse().expect("a UUID");
        assert_eq!(EntityId::from(shot).uuid(), shot.uuid());
        assert_eq!(shot.entity().to_string(), SHOT);
    }
}
