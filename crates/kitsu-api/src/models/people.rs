//! What the person and user routes answer beyond the collections' rows: desktop logins, time
//! sheets, the user's context, the answers of person actions.

use super::fields::or_default;
use super::*;

use kitsu_core::ids::{DesktopLoginLogId, TaskTypeId};

use super::{AssetType, Department, Person, Project, TaskStatus};

model!(
    /// One login on a workstation (`data/user/desktop-login-logs`), for presence reports.
    DesktopLoginLog: DesktopLoginLogId in "desktop-login-logs" {
        /// Who logged in.
        person_id: Option<PersonId> => opt_id,
        /// When.
        date: Option<NaiveDateTime> => opt_datetime,
    }
);

/// One line of a person's time sheet over a week or a year: the time spent on one task,
/// summed (`data/persons/<id>/time-spents/week/…`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct TimeSheetEntry {
    /// The task.
    #[serde(deserialize_with = "opt_id")]
    pub task_id: Option<TaskId>,
    /// Its type.
    #[serde(deserialize_with = "opt_id")]
    pub task_type_id: Option<TaskTypeId>,
    /// Its project.
    #[serde(deserialize_with = "opt_id")]
    pub project_id: Option<ProjectId>,
    /// The project's name.
    pub project_name: Option<String>,
    /// The entity's name.
    pub entity_name: Option<String>,
    /// The entity's type (`Shot`, `Character`…).
    pub entity_type_name: Option<String>,
    /// The shot's sequence, if any.
    pub sequence_name: Option<String>,
    /// The episode, if any.
    pub episode_name: Option<String>,
    /// Minutes spent over the period.
    pub duration: Option<f64>,
    /// Any other field.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// What the logged-in user may see, in one answer (`data/user/context`): what Kitsu's web
/// UI loads at login.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserContext {
    /// The open projects the user has access to.
    pub projects: Vec<Project>,
    /// Every asset type.
    pub asset_types: Vec<AssetType>,
    /// Every task type.
    pub task_types: Vec<TaskType>,
    /// Every task status.
    pub task_status: Vec<TaskStatus>,
    /// Every department.
    pub departments: Vec<Department>,
    /// The persons the user may see (few fields for artists).
    pub persons: Vec<Person>,
    /// How many notifications are unread.
    #[serde(deserialize_with = "or_default")]
    pub notification_count: u64,
    /// Everything else (project statuses, custom actions, search filters…).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// What Zou answers to an action that only says whether it worked (`{"success": true}`,
/// with a message for some).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ActionOutcome {
    /// Whether it worked.
    pub success: bool,
    /// What Zou said (`Email sent`).
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_time_sheet_line_and_a_context() {
        let line: TimeSheetEntry = serde_json::from_value(serde_json::json!({
            "task_id": "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11",
            "task_type_id": "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a12",
            "project_id": "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a13",
            "project_name": "P", "entity_name": "SH010", "entity_type_name": "Shot",
            "sequence_name": "SQ01", "episode_name": null, "duration": 90.0
        }))
        .expect("a time sheet line");
        assert_eq!(line.duration, Some(90.0));
        let context: UserContext = serde_json::from_value(serde_json::json!({
            "projects": [], "notification_count": 3, "search_filters": {}
        }))
        .expect("a context");
        assert_eq!(context.notification_count, 3);
        assert!(context.other.contains_key("search_filters"));
    }
}
