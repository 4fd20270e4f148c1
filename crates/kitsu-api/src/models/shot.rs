//! Sequences and shots.

use super::*;

model!(
    /// A sequence.
    Sequence: SequenceId in "sequences" {
        /// Its name.
        name: String,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its episode, if any.
        parent_id: Option<EpisodeId> => opt_id,
        /// Its description.
        description: Option<String>,
    }
);

model!(
    /// A shot.
    Shot: ShotId in "shots" {
        /// Its name.
        name: String,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its sequence (Zou stores it as the parent).
        parent_id: Option<SequenceId> => opt_id,
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
