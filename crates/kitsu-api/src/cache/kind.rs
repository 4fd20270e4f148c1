//! Which reference collections the memo keeps, which paths read and write them, and which
//! events make them stale.

/// A slow-changing collection of Zou that the memo keeps for its time to live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    TaskTypes,
    TaskStatuses,
    AssetTypes,
    Departments,
    Projects,
    ProjectStatuses,
    Persons,
}

/// Every kind: its collections under `data/` and the tables its events are named after.
/// Asset types are entity types in Zou: created through `data/entity-types`, announced as
/// `asset-type:*`.
const KINDS: &[(Kind, &[&str], &[&str])] = &[
    (Kind::TaskTypes, &["task-types"], &["task-type"]),
    (Kind::TaskStatuses, &["task-status"], &["task-status"]),
    (
        Kind::AssetTypes,
        &["asset-types", "entity-types"],
        &["asset-type", "entity-type"],
    ),
    (Kind::Departments, &["departments"], &["department"]),
    (Kind::Projects, &["projects"], &["project"]),
    (
        Kind::ProjectStatuses,
        &["project-status"],
        &["project-status"],
    ),
    (Kind::Persons, &["persons"], &["person"]),
];

/// The sub-lists of `data/projects` that are reference data too (the others under a project,
/// shots or tasks, change all day and are not memoised).
const PROJECT_LISTS: &[&str] = &["open", "all"];

impl Kind {
    /// The number of kinds (for per-kind counters).
    pub(crate) const COUNT: usize = KINDS.len();

    /// Its index among [`Kind::COUNT`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The kind a GET of `path` (relative to the base URL, without the query) reads and the memo
    /// may keep: a collection (`data/task-types`), one of its rows by id
    /// (`data/task-types/<uuid>`), or the open or all projects. Anything deeper (a project's
    /// shots) or beside (`data/projects/news`) is `None`.
    pub(crate) fn memoised(path: &str) -> Option<Kind> {
        let mut segments = path.trim_matches('/').split('/');
        let (Some("data"), Some(collection)) = (segments.next(), segments.next()) else {
            return None;
        };
        let kind = Kind::of_collection(collection)?;
        match (segments.next(), segments.next()) {
            (None, _) => Some(kind),
            (Some(item), None)
                if uuid::Uuid::try_parse(item).is_ok()
                    || (kind == Kind::Projects && PROJECT_LISTS.contains(&item)) =>
            {
                Some(kind)
            }
            _ => None,
        }
    }

    /// The kind a write (POST, PUT, DELETE) to `path` changes: anything under one of the
    /// collections (`data/projects/<id>/settings/task-types` changes the project).
    pub(crate) fn written(path: &str) -> Option<Kind> {
        let mut segments = path.trim_matches('/').split('/');
        match (segments.next(), segments.next()) {
            (Some("data"), Some(collection)) => Kind::of_collection(collection),
            _ => None,
        }
    }

    /// The kind an event named `name` (`task-type:update`, `task_status:new`) makes stale:
    /// the part before the colon names the table, `_` and `-` alike. `None` for the others.
    pub(crate) fn of_event(name: &str) -> Option<Kind> {
        let (table, _) = name.split_once(':')?;
        KINDS
            .iter()
            .find(|(_, _, tables)| tables.iter().any(|t| same_name(t, table)))
            .map(|(kind, _, _)| *kind)
    }

    fn of_collection(collection: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|(_, collections, _)| collections.contains(&collection))
            .map(|(kind, _, _)| *kind)
    }
}

/// Whether two names are equal with `_` and `-` taken alike, and case ignored.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |c: u8| {
        if c == b'_' {
            b'-'
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| fold(x) == fold(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11";

    #[test]
    fn kinds_are_indexed_in_table_order() {
        for (position, (kind, _, _)) in KINDS.iter().enumerate() {
            assert_eq!(kind.index(), position);
        }
    }

    #[test]
    fn reference_reads_are_memoised_and_nothing_else() {
        assert_eq!(Kind::memoised("data/task-types"), Some(Kind::TaskTypes));
        assert_eq!(
            Kind::memoised(&format!("data/task-status/{ID}")),
            Some(Kind::TaskStatuses)
        );
        assert_eq!(Kind::memoised("data/entity-types"), Some(Kind::AssetTypes));
        assert_eq!(Kind::memoised("data/projects/open"), Some(Kind::Projects));
        assert_eq!(Kind::memoised("/data/projects/"), Some(Kind::Projects));
        for other in [
            "data/projects/news".to_owned(),
            format!("data/projects/{ID}/shots"),
            "data/departments/hardware-items".into(),
            "data/persons/task-dates".into(),
            "data/shots".into(),
            "data/shots/with-tasks".into(),
            "data".into(),
            "auth/authenticated".into(),
            "pictures/thumbnails/projects/x.png".into(),
        ] {
            assert_eq!(Kind::memoised(&other), None, "{other}");
        }
    }

    #[test]
    fn writes_under_a_collection_change_it() {
        assert_eq!(
            Kind::written(&format!("data/projects/{ID}/settings/task-types")),
            Some(Kind::Projects)
        );
        assert_eq!(Kind::written("data/entity-types"), Some(Kind::AssetTypes));
        assert_eq!(Kind::written(&format!("data/tasks/{ID}")), None);
        assert_eq!(Kind::written(&format!("actions/tasks/{ID}/comment")), None);
    }

    #[test]
    fn events_name_their_table_with_either_separator() {
        assert_eq!(Kind::of_event("task-type:update"), Some(Kind::TaskTypes));
        assert_eq!(Kind::of_event("task_type:new"), Some(Kind::TaskTypes));
        assert_eq!(Kind::of_event("task_status:new"), Some(Kind::TaskStatuses));
        assert_eq!(Kind::of_event("asset-type:delete"), Some(Kind::AssetTypes));
        assert_eq!(Kind::of_event("project:update"), Some(Kind::Projects));
        assert_eq!(
            Kind::of_event("project-status:update"),
            Some(Kind::ProjectStatuses)
        );
        assert_eq!(Kind::of_event("person:new"), Some(Kind::Persons));
        for other in [
            "task:update",
            "comment:new",
            "preview-file:add-file",
            "",
            "project",
        ] {
            assert_eq!(Kind::of_event(other), None, "{other}");
        }
    }
}
