//! Which events a stream lets through: names (patterns) and projects.
//!
//! The name is checked first, on the bare name; the project next, reading only the payload's
//! `project_id`; only an event that passes both has its payload decoded.

use kitsu_core::ids::ProjectId;

use crate::names::NamePattern;

/// Name patterns (any of them) and projects (any of them); empty means everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub(crate) names: Vec<NamePattern>,
    pub(crate) projects: Vec<ProjectId>,
}

impl Filter {
    /// Whether an event named `name` may pass.
    pub fn admits_name(&self, name: &str) -> bool {
        self.names.is_empty() || self.names.iter().any(|pattern| pattern.matches(name))
    }

    /// Whether an event about `project` may pass (an event without a project passes only an
    /// unfiltered stream).
    pub fn admits_project(&self, project: Option<ProjectId>) -> bool {
        self.projects.is_empty() || project.is_some_and(|p| self.projects.contains(&p))
    }

    /// The one project the server can filter the event log on, if there is exactly one.
    pub(crate) fn single_project(&self) -> Option<ProjectId> {
        match self.projects.as_slice() {
            [project] => Some(*project),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_lets_everything_through() {
        let filter = Filter::default();
        assert!(filter.admits_name("anything:new"));
        assert!(filter.admits_project(None));
    }

    #[test]
    fn names_and_projects_both_apply() {
        let project: ProjectId = "4f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a03".parse().unwrap();
        let other: ProjectId = "5f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a03".parse().unwrap();
        let filter = Filter {
            names: vec![NamePattern::parse("comment:*").unwrap()],
            projects: vec![project],
        };
        assert!(filter.admits_name("comment:new") && !filter.admits_name("task:new"));
        assert!(filter.admits_project(Some(project)));
        assert!(!filter.admits_project(Some(other)) && !filter.admits_project(None));
        assert_eq!(filter.single_project(), Some(project));
    }
}
