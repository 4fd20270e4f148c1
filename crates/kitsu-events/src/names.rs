//! Event names: the ones Zou publishes, typed constants for them, and name patterns.
//!
//! Zou's spelling is not consistent (`asset_instance:add-to-shot`, `playlist:add_entity`,
//! `budget:create`), so every comparison here treats `_` and `-` alike and ignores case. A
//! pattern is `object:action`, either side may be `*`; a literal name is checked against what Zou
//! publishes, so `task:status-change` (which never fires) is an error with a suggestion, not a
//! silent empty stream.

use std::fmt;

/// The names Zou 1.0.97 publishes literally (its generic `<table>:new|update|delete` come on top;
/// see [`is_known`]).
pub const KNOWN: &[&str] = &[
    "asset-type:delete",
    "asset-type:new",
    "asset-type:update",
    "asset:casting-update",
    "asset:delete",
    "asset:new",
    "asset:update",
    "asset_instance:add-to-shot",
    "asset_instance:new",
    "asset_instance:remove-from-shot",
    "budget-entry:create",
    "budget-entry:delete",
    "budget-entry:update",
    "budget:create",
    "budget:delete",
    "budget:update",
    "build-job:delete",
    "build-job:new",
    "build-job:update",
    "chat:deleted-message",
    "chat:joined",
    "chat:left",
    "chat:new-message",
    "comment:acknowledge",
    "comment:unacknowledge",
    "comment:delete",
    "comment:delete-reply",
    "comment:new",
    "comment:reply",
    "comment:update",
    "concept-folder:delete",
    "concept-folder:new",
    "concept-folder:update",
    "concept:delete",
    "concept:new",
    "concept:update",
    "department:new",
    "edit:delete",
    "edit:new",
    "edit:update",
    "entity-link:new",
    "entity-link:update",
    "episode:casting-update",
    "episode:delete",
    "episode:new",
    "main:test",
    "metadata-descriptor:delete",
    "metadata-descriptor:new",
    "metadata-descriptor:update",
    "news:delete",
    "news:new",
    "notification:all-read",
    "notification:new",
    "notification:read",
    "notification:unread",
    "organisation:set-thumbnail",
    "organisation:update",
    "output-file:delete",
    "output-file:new",
    "output-file:update",
    "person:delete",
    "person:new",
    "person:set-thumbnail",
    "person:update",
    "playlist:add_entity",
    "playlist:delete",
    "preview-background-file:add-file",
    "preview-background-file:update",
    "preview-file:add-file",
    "preview-file:annotation-update",
    "preview-file:delete",
    "preview-file:new",
    "preview-file:set-main",
    "preview-file:update",
    "production_schedule_version:update",
    "project-template:new",
    "project-template:update",
    "project-template:delete",
    "project:delete",
    "project:set-thumbnail",
    "project:update",
    "scene:delete",
    "scene:new",
    "schedule-item:new",
    "sequence:delete",
    "sequence:new",
    "shot:add-to-scene",
    "shot:casting-update",
    "shot:delete",
    "shot:new",
    "shot:remove-from-scene",
    "shot:update",
    "task-status:new",
    "task-type:new",
    "task:assign",
    "task:delete",
    "task:new",
    "task:status-changed",
    "task:to-review",
    "task:unassign",
    "task:update",
    "task:update-casting-stats",
    "time-spent:delete",
    "time-spent:new",
    "time-spent:update",
    "working-file:new",
];

/// The tables whose rows Zou's generic routes create, update and delete, each publishing
/// `<table>:new`, `<table>:update` and `<table>:delete` (with `_` written `-`), plus the entity
/// kinds its entity routes publish the same way.
pub const GENERIC_OBJECTS: &[&str] = &[
    "api-event",
    "asset",
    "asset-instance",
    "attachment-file",
    "budget",
    "budget-entry",
    "chat",
    "chat-message",
    "comment",
    "concept",
    "custom-action",
    "day-off",
    "department",
    "edit",
    "entity",
    "entity-link",
    "entity-type",
    "episode",
    "file-status",
    "hardware-item",
    "milestone",
    "news",
    "notification",
    "output-file",
    "output-type",
    "person",
    "playlist",
    "plugin",
    "preview-background-file",
    "preview-file",
    "project",
    "project-status",
    "project-status-automation-link",
    "project-task-type-link",
    "project-template",
    "salary-scale",
    "scene",
    "schedule-item",
    "search-filter",
    "search-filter-group",
    "sequence",
    "shot",
    "software",
    "status-automation",
    "studio",
    "subscription",
    "task",
    "task-status",
    "task-type",
    "time-spent",
    "working-file",
];

const GENERIC_ACTIONS: &[&str] = &["new", "update", "delete"];

/// A name written for comparison: lower case, `_` as `-`.
pub fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('_', "-")
}

/// Whether Zou publishes `name` (compared with [`normalise`]).
pub fn is_known(name: &str) -> bool {
    let name = normalise(name);
    if KNOWN.iter().any(|known| normalise(known) == name) {
        return true;
    }
    match name.split_once(':') {
        Some((object, action)) => {
            GENERIC_OBJECTS.contains(&object) && GENERIC_ACTIONS.contains(&action)
        }
        None => false,
    }
}

/// Every name Zou publishes, normalised: the literal ones and the generic ones.
fn every_known() -> impl Iterator<Item = String> {
    KNOWN
        .iter()
        .map(|name| normalise(name))
        .chain(GENERIC_OBJECTS.iter().flat_map(|object| {
            GENERIC_ACTIONS
                .iter()
                .map(move |action| format!("{object}:{action}"))
        }))
}

/// The known name closest to `name`, if one is close enough to be the intended one.
pub fn suggest(name: &str) -> Option<String> {
    let name = normalise(name);
    every_known()
        .map(|known| (distance(&name, &known), known))
        .filter(|(distance, _)| *distance <= 4)
        .min()
        .map(|(_, known)| known)
}

/// Levenshtein distance (names are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// A typed event name: one of the constants below, or any name Zou publishes.
///
/// ```
/// use kitsu_events::EventName;
///
/// assert_eq!(EventName::TASK_STATUS_CHANGED.as_str(), "task:status-changed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventName(&'static str);

macro_rules! event_names {
    ($($(#[$doc:meta])* $constant:ident = $name:literal;)*) => {
        impl EventName {
            $($(#[$doc])* pub const $constant: EventName = EventName($name);)*
        }

        #[cfg(test)]
        const CONSTANTS: &[EventName] = &[$(EventName::$constant),*];
    };
}

event_names! {
    /// A task was created.
    TASK_NEW = "task:new";
    /// A task changed (status, assignees, dates…).
    TASK_UPDATE = "task:update";
    /// A task was deleted.
    TASK_DELETE = "task:delete";
    /// A task's status changed (a comment set a new one).
    TASK_STATUS_CHANGED = "task:status-changed";
    /// A task moved to a feedback-request status.
    TASK_TO_REVIEW = "task:to-review";
    /// Someone was assigned to a task.
    TASK_ASSIGN = "task:assign";
    /// Someone was unassigned from a task.
    TASK_UNASSIGN = "task:unassign";
    /// A comment was posted.
    COMMENT_NEW = "comment:new";
    /// A comment changed (a preview was attached to it, its text was edited…).
    COMMENT_UPDATE = "comment:update";
    /// A comment was deleted.
    COMMENT_DELETE = "comment:delete";
    /// Someone replied to a comment.
    COMMENT_REPLY = "comment:reply";
    /// A preview revision was created (its file comes next).
    PREVIEW_FILE_NEW = "preview-file:new";
    /// A preview's file was uploaded (`status` says whether it is processed).
    PREVIEW_FILE_ADD_FILE = "preview-file:add-file";
    /// A preview changed (processing finished, annotations…).
    PREVIEW_FILE_UPDATE = "preview-file:update";
    /// A preview became its entity's main preview.
    PREVIEW_FILE_SET_MAIN = "preview-file:set-main";
    /// A shot was created.
    SHOT_NEW = "shot:new";
    /// A shot changed.
    SHOT_UPDATE = "shot:update";
    /// A shot was deleted.
    SHOT_DELETE = "shot:delete";
    /// A sequence was created.
    SEQUENCE_NEW = "sequence:new";
    /// An episode was created.
    EPISODE_NEW = "episode:new";
    /// An asset was created.
    ASSET_NEW = "asset:new";
    /// An asset changed.
    ASSET_UPDATE = "asset:update";
    /// An asset was deleted.
    ASSET_DELETE = "asset:delete";
    /// A project changed.
    PROJECT_UPDATE = "project:update";
    /// A person was created.
    PERSON_NEW = "person:new";
    /// A person changed.
    PERSON_UPDATE = "person:update";
    /// A task type was created.
    TASK_TYPE_NEW = "task-type:new";
    /// A task type changed.
    TASK_TYPE_UPDATE = "task-type:update";
    /// A task status was created.
    TASK_STATUS_NEW = "task-status:new";
    /// A task status changed.
    TASK_STATUS_UPDATE = "task-status:update";
    /// A playlist got an entity.
    PLAYLIST_ADD_ENTITY = "playlist:add_entity";
    /// A notification was created for the logged-in user.
    NOTIFICATION_NEW = "notification:new";
}

impl EventName {
    /// The name as Zou spells it.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Which names a filter lets through: `task:status-changed`, `comment:*`, `*:new` or `*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePattern {
    object: Option<String>,
    action: Option<String>,
}

/// A name pattern that cannot match anything Zou publishes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "no Kitsu event is named {pattern:?}{}",
    suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_else(|| {
        "; write object:action (either side may be *), e.g. task:status-changed or comment:*".into()
    })
)]
pub struct UnknownEventName {
    /// The pattern as written.
    pub pattern: String,
    /// The closest name Zou publishes, if one is close.
    pub suggestion: Option<String>,
}

impl NamePattern {
    /// Every event.
    pub fn any() -> NamePattern {
        NamePattern {
            object: None,
            action: None,
        }
    }

    /// Parses `object:action` (either side `*`, or `*` alone), checking a literal name against
    /// the names Zou publishes.
    pub fn parse(pattern: &str) -> Result<NamePattern, UnknownEventName> {
        let unknown = || UnknownEventName {
            pattern: pattern.to_owned(),
            suggestion: suggest(pattern),
        };
        let normalised = normalise(pattern);
        if normalised == "*" {
            return Ok(NamePattern::any());
        }
        let (object, action) = normalised.split_once(':').ok_or_else(unknown)?;
        if object.is_empty() || action.is_empty() {
            return Err(unknown());
        }
        let side = |text: &str| (text != "*").then(|| text.to_owned());
        let parsed = NamePattern {
            object: side(object),
            action: side(action),
        };
        let matches_something = match (&parsed.object, &parsed.action) {
            (Some(_), Some(_)) => is_known(&normalised),
            _ => every_known().any(|known| parsed.matches_normalised(&known)),
        };
        if matches_something {
            Ok(parsed)
        } else {
            Err(unknown())
        }
    }

    /// Like [`parse`](Self::parse) without the check against Zou's names: for events a newer
    /// Zou or a plugin publishes.
    pub fn unchecked(pattern: &str) -> NamePattern {
        let normalised = normalise(pattern);
        let (object, action) = normalised
            .split_once(':')
            .unwrap_or((normalised.as_str(), "*"));
        let side = |text: &str| (text != "*" && !text.is_empty()).then(|| text.to_owned());
        NamePattern {
            object: side(object),
            action: side(action),
        }
    }

    /// Whether the event `name` (as Zou spelled it) matches.
    pub fn matches(&self, name: &str) -> bool {
        self.matches_normalised(&normalise(name))
    }

    fn matches_normalised(&self, name: &str) -> bool {
        let (object, action) = name.split_once(':').unwrap_or((name, ""));
        self.object.as_deref().is_none_or(|o| o == object)
            && self.action.as_deref().is_none_or(|a| a == action)
    }
}

impl From<EventName> for NamePattern {
    fn from(name: EventName) -> NamePattern {
        NamePattern::unchecked(name.as_str())
    }
}

impl fmt::Display for NamePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}",
            self.object.as_deref().unwrap_or("*"),
            self.action.as_deref().unwrap_or("*")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_constant_is_a_name_zou_publishes() {
        for name in CONSTANTS {
            assert!(is_known(name.as_str()), "{name}");
        }
    }

    #[test]
    fn underscores_and_dashes_are_alike() {
        let pattern = NamePattern::parse("asset-instance:add_to_shot").unwrap();
        assert!(pattern.matches("asset_instance:add-to-shot"));
        assert!(
            NamePattern::parse("playlist:add-entity")
                .unwrap()
                .matches("playlist:add_entity")
        );
        assert!(
            NamePattern::parse("Task-Type:NEW")
                .unwrap()
                .matches("task-type:new")
        );
    }

    #[test]
    fn wildcards_match_one_side() {
        let comments = NamePattern::parse("comment:*").unwrap();
        assert!(comments.matches("comment:new"));
        assert!(comments.matches("comment:delete-reply"));
        assert!(!comments.matches("task:new"));
        let news = NamePattern::parse("*:new").unwrap();
        assert!(news.matches("shot:new") && news.matches("task_type:new"));
        assert!(!news.matches("shot:update"));
        assert!(NamePattern::parse("*").unwrap().matches("anything:at-all"));
    }

    #[test]
    fn a_typo_is_an_error_with_the_intended_name() {
        let error = NamePattern::parse("task:status-change").unwrap_err();
        assert_eq!(error.suggestion.as_deref(), Some("task:status-changed"));
        assert!(
            error
                .to_string()
                .contains("did you mean \"task:status-changed\""),
            "{error}"
        );
        assert!(NamePattern::parse("tsk:*").is_err());
        assert!(NamePattern::parse("status-changed").is_err());
    }

    #[test]
    fn generic_collection_events_are_known() {
        assert!(is_known("task-type:update"));
        assert!(is_known("task_status:delete"));
        assert!(!is_known("task-type:frobnicate"));
    }

    #[test]
    fn unchecked_patterns_take_anything() {
        assert!(NamePattern::unchecked("plugin-x:did-something").matches("plugin_x:did-something"));
    }
}
