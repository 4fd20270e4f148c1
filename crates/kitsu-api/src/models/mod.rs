//! Typed models of Zou's answers.
//!
//! Each model names the fields pipelines use and keeps every other field in `other`, so nothing
//! Zou sends is lost and a new Zou field never breaks decoding. They absorb Zou's quirks: a
//! project's `fps` is a string (`"25"`), some answers give `""` or `"None"` for a missing id,
//! and dates are naive UTC without a zone (`"2026-11-24T19:38:20"`).

use chrono::NaiveDateTime;
use std::fmt;

use kitsu_core::ids::{
    AssetId, AssetTypeId, CommentId, EntityId, EpisodeId, Id, PersonId, PreviewFileId, ProjectId,
    ProjectStatusId, SequenceId, ShotId, TaskId, TaskStatusId, TaskTypeId,
};

use crate::Resource;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Reads an optional text-borne value with `parse`, taking `null`, `""` and `"None"` (Zou's
/// quirks) as absent; `expecting` says what was wanted, for the error message.
fn opt_text<'de, D, T>(
    deserializer: D,
    expecting: fmt::Arguments<'_>,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    struct OptText<'a, T> {
        expecting: fmt::Arguments<'a>,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<'de, T> Visitor<'de> for OptText<'_, T> {
        type Value = Option<T>;
        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(formatter, "{}, or null", self.expecting)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
            inner.deserialize_str(self)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.is_empty() || text == "None" {
                return Ok(None);
            }
            (self.parse)(text).map(Some).map_err(E::custom)
        }
    }
    deserializer.deserialize_option(OptText { expecting, parse })
}

/// Reads an optional typed id (absent as `null`, `""` or `"None"`, Zou's quirks), for
/// `#[serde(deserialize_with = "kitsu_api::models::opt_id")]` on your own structs.
pub fn opt_id<'de, D: Deserializer<'de>, I: Id>(deserializer: D) -> Result<Option<I>, D::Error> {
    opt_text(
        deserializer,
        format_args!("a {} id (a UUID)", I::KIND),
        |text| text.parse::<I>().map_err(|error| error.to_string()),
    )
}

/// Reads a number that may come as a string (`"25"`) or a number (`25`).
fn opt_number_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(text)) if !text.is_empty() => Some(text),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    })
}

/// Reads Zou's naive UTC date and time (`2026-11-24T19:38:20`, maybe with microseconds or as a
/// bare date), absent as `null`, `""` or `"None"`. Zou's own shape is read without chrono's
/// general parser, which was a tenth of the cost of decoding a task.
fn opt_datetime<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDateTime>, D::Error> {
    opt_text(
        deserializer,
        format_args!("a date and time such as 2026-11-24T19:38:20"),
        |text| {
            parse_datetime(text).ok_or_else(|| {
                format!("`{text}` is not a date and time such as 2026-11-24T19:38:20")
            })
        },
    )
}

/// `YYYY-MM-DDTHH:MM:SS` read by hand, anything else through chrono.
fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() == 19
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
    {
        let date = chrono::NaiveDate::from_ymd_opt(
            i32::try_from(number(0..4)?).ok()?,
            number(5..7)?,
            number(8..10)?,
        )?;
        return date.and_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?);
    }
    text.parse::<NaiveDateTime>().ok().or_else(|| {
        text.parse::<chrono::NaiveDate>()
            .ok()
            .and_then(|date| date.and_hms_opt(0, 0, 0))
    })
}

macro_rules! field_value {
    ($map:ident, $ty:ty) => {
        $map.next_value::<$ty>()?
    };
    ($map:ident, $ty:ty, $with:path) => {{
        struct With($ty);
        impl<'de> Deserialize<'de> for With {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $with(deserializer).map(With)
            }
        }
        $map.next_value::<With>()?.0
    }};
}

/// A model: `id`, the named fields (absent ones take their default), `created_at`,
/// `updated_at`, `kind` (Zou's `type`), and `other` for the rest.
///
/// `Deserialize` is written out rather than derived: serde's `flatten` (the derived way to keep
/// unknown fields) first buffers every field of every object into an intermediate tree, which
/// doubled the cost of decoding big lists. Here each key is matched once and only unknown
/// fields are kept as [`Value`]s.
macro_rules! model {
    ($(#[$meta:meta])* $name:ident : $id:ident in $collection:literal {
        $($(#[$field_meta:meta])* $field:ident : $ty:ty $(=> $with:path)?),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Serialize, PartialEq)]
        pub struct $name {
            /// Its id.
            pub id: $id,
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            /// When it was created (naive UTC).
            pub created_at: Option<NaiveDateTime>,
            /// When it last changed (naive UTC).
            pub updated_at: Option<NaiveDateTime>,
            /// Zou's name of the model (its `type` field: `"Task"`, `"Shot"`…).
            #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
            pub kind: Option<String>,
            /// Every other field Zou sent.
            #[serde(flatten)]
            pub other: Map<String, Value>,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum Key {
                    id,
                    $($field,)*
                    created_at,
                    updated_at,
                    kind,
                    Other(String),
                }

                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = Key;
                    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                        formatter.write_str("a field name")
                    }
                    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                        Ok(match key {
                            "id" => Key::id,
                            $(stringify!($field) => Key::$field,)*
                            "created_at" => Key::created_at,
                            "updated_at" => Key::updated_at,
                            "type" => Key::kind,
                            other => Key::Other(other.to_owned()),
                        })
                    }
                }
                impl<'de> Deserialize<'de> for Key {
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        deserializer.deserialize_identifier(KeyVisitor)
                    }
                }

                struct ModelVisitor;
                impl<'de> Visitor<'de> for ModelVisitor {
                    type Value = $name;
                    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                        formatter.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut id: Option<$id> = None;
                        $(let mut $field: Option<$ty> = None;)*
                        let mut created_at = None;
                        let mut updated_at = None;
                        let mut kind = None;
                        let mut other = Map::new();
                        while let Some(key) = map.next_key::<Key>()? {
                            match key {
                                Key::id => id = Some(map.next_value()?),
                                $(Key::$field => $field = Some(field_value!(map, $ty $(, $with)?)),)*
                                Key::created_at => {
                                    created_at = field_value!(map, Option<NaiveDateTime>, opt_datetime)
                                }
                                Key::updated_at => {
                                    updated_at = field_value!(map, Option<NaiveDateTime>, opt_datetime)
                                }
                                Key::kind => kind = map.next_value()?,
                                Key::Other(name) => {
                                    other.insert(name, map.next_value()?);
                                }
                            }
                        }
                        Ok($name {
                            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                            $($field: $field.unwrap_or_default(),)*
                            created_at,
                            updated_at,
                            kind,
                            other,
                        })
                    }
                }

                deserializer.deserialize_map(ModelVisitor)
            }
        }

        impl Resource for $name {
            const COLLECTION: &'static str = $collection;
            type Id = $id;
        }
    };
}

// Models by area; each area's file starts with `use super::*;`, for the `model!` macro.
//
// ---- projects, studios, project settings ----
mod project;
pub use project::*;

// ---- episodes, sequences, shots, scenes, edits, concepts ----
mod shot;
pub use shot::*;

// ---- assets, asset types, entities, instances, casting ----
mod asset;
pub use asset::*;

// ---- every other collection of Zou's 48 ----
mod feeds;
mod fields;
mod files;
mod person;
mod planning;
mod registry;
mod studio_settings;
mod task;
pub use feeds::*;
pub use files::*;
pub use person::*;
pub use planning::*;
pub use registry::COLLECTIONS;
pub use studio_settings::*;
pub use task::*;

// ---- person, user ----
mod people;
pub use people::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zous_quirks() {
        let project: Project = serde_json::from_str(
            r#"{"id":"00000000-0000-4000-8000-00000000000a","name":"P","fps":"25","project_status_id":"","created_at":"2026-11-24T19:38:20","team":[]}"#,
        )
        .unwrap();
        assert_eq!(project.fps.as_deref(), Some("25"));
        assert_eq!(project.project_status_id, None);
        assert_eq!(
            project.created_at.unwrap().to_string(),
            "2026-11-24 19:38:20"
        );
        assert!(project.team.is_empty());
        let numeric: Project = serde_json::from_str(
            r#"{"id":"00000000-0000-4000-8000-00000000000a","name":"P","fps":24}"#,
        )
        .unwrap();
        assert_eq!(numeric.fps.as_deref(), Some("24"));
        let asset: Asset = serde_json::from_str(
            r#"{"id":"00000000-0000-4000-8000-00000000000b","name":"Hero","entity_type_id":"None","ready_for":"None"}"#,
        )
        .unwrap();
        assert_eq!(asset.entity_type_id, None);
        let error = serde_json::from_str::<Asset>(
            r#"{"id":"00000000-0000-4000-8000-00000000000b","name":"Hero","entity_type_id":"nope"}"#,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`nope` is not a valid asset type id"),
            "{error}"
        );
        let error = serde_json::from_str::<Asset>(r#"{"id":"b","name":"Hero"}"#).unwrap_err();
        assert!(
            error.to_string().contains("not a valid asset id"),
            "{error}"
        );
    }

    #[test]
    fn names_what_is_wrong() {
        let error = serde_json::from_str::<Task>(r#"{"name":"main"}"#).unwrap_err();
        assert!(error.to_string().contains("missing field `id`"), "{error}");
        let error = serde_json::from_str::<Task>(
            r#"{"id":"00000000-0000-4000-8000-000000000001","priority":"high"}"#,
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("invalid type: string"),
            "{error}"
        );
        let error = serde_json::from_str::<Task>(r#"[1]"#).unwrap_err();
        assert!(error.to_string().contains("a Task object"), "{error}");
        let failure = crate::client::decode_json::<Vec<Task>>(
            br#"[{"id":"00000000-0000-4000-8000-00000000000a"},{"id":"00000000-0000-4000-8000-00000000000b","due_date":"tomorrow"}]"#,
        )
        .unwrap_err();
        assert_eq!(failure.path, "[1].due_date");
        assert!(
            failure
                .message
                .contains("`tomorrow` is not a date and time"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn reads_zous_dates_and_others() {
        let at = |text: &str| parse_datetime(text).map(|t| t.to_string());
        assert_eq!(at("2026-11-24T19:38:20").unwrap(), "2026-11-24 19:38:20");
        assert_eq!(
            at("2026-11-24T19:38:20.123456").unwrap(),
            "2026-11-24 19:38:20.123456"
        );
        assert_eq!(at("2026-11-24").unwrap(), "2026-11-24 00:00:00");
        for bad in [
            "2026-13-24T19:38:20",
            "2026-11-24T25:38:20",
            "2026-1a-24T19:38:20",
            "tomorrow",
            "2026-11-24T19:38",
            "２０２６-11-24T19:38",
        ] {
            assert_eq!(at(bad), None, "{bad}");
        }
        let task: Task =
            serde_json::from_str(r#"{"id":"00000000-0000-4000-8000-000000000001","due_date":"","done_date":"None","end_date":null}"#)
                .unwrap();
        assert_eq!(
            (task.due_date, task.done_date, task.end_date),
            (None, None, None)
        );
        assert!(
            serde_json::from_str::<Task>(
                r#"{"id":"00000000-0000-4000-8000-000000000001","due_date":3}"#
            )
            .is_err()
        );
    }

    #[test]
    fn nulls_and_absences_read_as_defaults() {
        let task: Task = serde_json::from_str(
            r#"{"id":"00000000-0000-4000-8000-000000000001","name":null,"assignees":[],"estimation":2,"done_date":null,"data":{"k":1}}"#,
        )
        .unwrap();
        assert_eq!(task.name, None);
        assert_eq!(task.estimation, Some(2.0));
        assert_eq!(task.done_date, None);
        assert_eq!(task.data, Some(serde_json::json!({"k": 1})));
        assert!(task.other.is_empty());
        let shot: Shot =
            serde_json::from_str(r#"{"id":"00000000-0000-4000-8000-000000000002","name":"SH010"}"#)
                .unwrap();
        assert_eq!(shot.nb_frames, None);
        assert_eq!(shot.parent_id, None);
    }

    #[test]
    fn round_trips_unknown_fields() {
        let text = r#"{"id":"00000000-0000-4000-8000-000000000001","name":"main","future_field":{"x":1},"assignees":["00000000-0000-4000-8000-000000000003"]}"#;
        let task: Task = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&task).unwrap();
        assert_eq!(back["future_field"], serde_json::json!({"x": 1}));
        assert_eq!(
            back["assignees"],
            serde_json::json!(["00000000-0000-4000-8000-000000000003"])
        );
        assert_eq!(
            back["id"],
            serde_json::json!("00000000-0000-4000-8000-000000000001")
        );
    }
}
