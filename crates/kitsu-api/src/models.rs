//! Typed models of Zou's answers.
//!
//! Each model names the fields pipelines use and keeps every other field in `other`, so nothing
//! Zou sends is lost and a new Zou field never breaks decoding. They absorb Zou's quirks: a
//! project's `fps` is a string (`"25"`), some answers give `""` or `"None"` for a missing id,
//! and dates are naive UTC without a zone (`"2026-11-24T19:38:20"`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Reads an optional id, taking `""` and `"None"` (Zou's quirks) as absent.
fn opt_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(deserializer)?;
    Ok(value.filter(|id| !id.is_empty() && id != "None"))
}

/// Reads a number that may come as a string (`"25"`) or a number (`25`).
fn opt_number_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(text)) if !text.is_empty() => Some(text),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    })
}

macro_rules! model {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
        pub struct $name {
            /// The id (a UUID).
            pub id: String,
            $(
                $(#[$field_meta])*
                #[serde(default)]
                pub $field: $ty,
            )*
            /// When it was created (naive UTC).
            #[serde(default)]
            pub created_at: Option<NaiveDateTime>,
            /// When it last changed (naive UTC).
            #[serde(default)]
            pub updated_at: Option<NaiveDateTime>,
            /// Every other field Zou sent.
            #[serde(flatten)]
            pub other: Map<String, Value>,
        }
    };
}

model!(
    /// A production.
    Project {
        /// Its name.
        name: String,
        /// Its code.
        code: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Frames per second, as Zou gives it (a string such as `"25"` or `"23.976"`).
        #[serde(deserialize_with = "opt_number_text")]
        fps: Option<String>,
        /// The aspect ratio (`"16:9"`).
        ratio: Option<String>,
        /// The resolution (`"1920x1080"`).
        resolution: Option<String>,
        /// `short`, `featurefilm`, `tvshow`…
        production_type: Option<String>,
        /// Its status (Open, Closed).
        #[serde(deserialize_with = "opt_id")]
        project_status_id: Option<String>,
    }
);

model!(
    /// A project status (Open, Closed).
    ProjectStatus {
        /// Its name.
        name: String,
    }
);

model!(
    /// A task type (Animation, Compositing…).
    TaskType {
        /// Its name.
        name: String,
        /// Its short name.
        short_name: Option<String>,
        /// Its colour (`#rrggbb`).
        color: Option<String>,
        /// Its priority in lists.
        priority: Option<i64>,
        /// `Asset`, `Shot`, `Sequence`, `Episode`…
        for_entity: Option<String>,
    }
);

model!(
    /// A task status (Todo, WIP, Done…).
    TaskStatus {
        /// Its name.
        name: String,
        /// Its short name (`todo`, `wip`, `done`).
        short_name: String,
        /// Its colour.
        color: Option<String>,
        /// Whether it ends the task.
        is_done: Option<bool>,
        /// Whether new tasks get it.
        is_default: Option<bool>,
    }
);

model!(
    /// An asset type (Character, Prop…).
    AssetType {
        /// Its name.
        name: String,
    }
);

model!(
    /// A sequence.
    Sequence {
        /// Its name.
        name: String,
        /// Its project.
        #[serde(deserialize_with = "opt_id")]
        project_id: Option<String>,
        /// Its episode, if any.
        #[serde(deserialize_with = "opt_id")]
        parent_id: Option<String>,
        /// Its description.
        description: Option<String>,
    }
);

model!(
    /// A shot.
    Shot {
        /// Its name.
        name: String,
        /// Its project.
        #[serde(deserialize_with = "opt_id")]
        project_id: Option<String>,
        /// Its sequence (Zou stores it as the parent).
        #[serde(deserialize_with = "opt_id")]
        parent_id: Option<String>,
        /// Its sequence's name, when the route joins it in.
        sequence_name: Option<String>,
        /// Its length in frames.
        nb_frames: Option<i64>,
        /// Its description.
        description: Option<String>,
        /// Whether it was (soft) deleted.
        canceled: Option<bool>,
        /// Free data (`frame_in`, `fps`…).
        data: Option<Value>,
    }
);

model!(
    /// An asset.
    Asset {
        /// Its name.
        name: String,
        /// Its project.
        #[serde(deserialize_with = "opt_id")]
        project_id: Option<String>,
        /// Its asset type.
        #[serde(deserialize_with = "opt_id")]
        entity_type_id: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Whether it was (soft) deleted.
        canceled: Option<bool>,
    }
);

model!(
    /// A task.
    Task {
        /// Its name (`main` by default).
        name: Option<String>,
        /// Its project.
        #[serde(deserialize_with = "opt_id")]
        project_id: Option<String>,
        /// Its type.
        #[serde(deserialize_with = "opt_id")]
        task_type_id: Option<String>,
        /// Its status.
        #[serde(deserialize_with = "opt_id")]
        task_status_id: Option<String>,
        /// The shot, asset… it is on.
        #[serde(deserialize_with = "opt_id")]
        entity_id: Option<String>,
        /// The people assigned (with `relations=true` on lists).
        assignees: Vec<String>,
        /// Its priority.
        priority: Option<i64>,
        /// Its estimation in days.
        estimation: Option<f64>,
        /// Its due date.
        due_date: Option<NaiveDateTime>,
        /// Its type's name, when the route joins it in.
        task_type_name: Option<String>,
        /// Its status's name, when the route joins it in.
        task_status_name: Option<String>,
        /// Its entity's name, when the route joins it in.
        entity_name: Option<String>,
    }
);

model!(
    /// A person.
    Person {
        /// First name.
        first_name: String,
        /// Last name.
        last_name: Option<String>,
        /// Both names.
        full_name: Option<String>,
        /// Email.
        email: Option<String>,
        /// `admin`, `manager`, `supervisor`, `user`, `client`, `vendor`.
        role: Option<String>,
        /// Whether the person can log in.
        active: Option<bool>,
        /// Whether the person is a bot.
        is_bot: Option<bool>,
    }
);

model!(
    /// A comment on a task.
    Comment {
        /// The task.
        #[serde(deserialize_with = "opt_id")]
        object_id: Option<String>,
        /// The status the comment set.
        #[serde(deserialize_with = "opt_id")]
        task_status_id: Option<String>,
        /// The author.
        #[serde(deserialize_with = "opt_id")]
        person_id: Option<String>,
        /// The text.
        text: Option<String>,
    }
);

model!(
    /// A preview file (a picture or movie attached to a comment).
    PreviewFile {
        /// Its revision number.
        revision: Option<i64>,
        /// `png`, `mp4`…
        extension: Option<String>,
        /// `processing`, `ready` or `broken`: check it after a movie upload.
        status: Option<String>,
        /// Its size in bytes.
        file_size: Option<u64>,
        /// The uploaded file's name without extension.
        original_name: Option<String>,
        /// The task.
        #[serde(deserialize_with = "opt_id")]
        task_id: Option<String>,
        /// Width in pixels.
        width: Option<i64>,
        /// Height in pixels.
        height: Option<i64>,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zous_quirks() {
        let project: Project = serde_json::from_str(
            r#"{"id":"a","name":"P","fps":"25","project_status_id":"","created_at":"2026-11-24T19:38:20","team":[]}"#,
        )
        .unwrap();
        assert_eq!(project.fps.as_deref(), Some("25"));
        assert_eq!(project.project_status_id, None);
        assert_eq!(
            project.created_at.unwrap().to_string(),
            "2026-11-24 19:38:20"
        );
        assert_eq!(project.other["team"], serde_json::json!([]));
        let numeric: Project = serde_json::from_str(r#"{"id":"a","name":"P","fps":24}"#).unwrap();
        assert_eq!(numeric.fps.as_deref(), Some("24"));
        let asset: Asset = serde_json::from_str(
            r#"{"id":"b","name":"Hero","entity_type_id":"None","ready_for":"None"}"#,
        )
        .unwrap();
        assert_eq!(asset.entity_type_id, None);
    }

    #[test]
    fn round_trips_unknown_fields() {
        let text = r#"{"id":"t","name":"main","future_field":{"x":1},"assignees":["p"]}"#;
        let task: Task = serde_json::from_str(text).unwrap();
        let back = serde_json::to_value(&task).unwrap();
        assert_eq!(back["future_field"], serde_json::json!({"x": 1}));
        assert_eq!(back["assignees"], serde_json::json!(["p"]));
    }
}
