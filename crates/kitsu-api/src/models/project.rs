//! Projects and their statuses.

use super::*;

model!(
    /// A production.
    Project: ProjectId in "projects" {
        /// Its name.
        name: String,
        /// Its code.
        code: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Frames per second, as Zou gives it (a string such as `"25"` or `"23.976"`).
        fps: Option<String> => opt_number_text,
        /// The aspect ratio (`"16:9"`).
        ratio: Option<String>,
        /// The resolution (`"1920x1080"`).
        resolution: Option<String>,
        /// `short`, `featurefilm`, `tvshow`…
        production_type: Option<String>,
        /// Its status (Open, Closed).
        project_status_id: Option<ProjectStatusId> => opt_id,
    }
);

model!(
    /// A project status (Open, Closed).
    ProjectStatus: ProjectStatusId in "project-status" {
        /// Its name.
        name: String,
    }
);
