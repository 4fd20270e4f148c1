//! Files: working files, output files and their types and statuses, attachments.

use super::fields::{opt_uuid, or_default};
use super::*;

use kitsu_core::ids::{
    AttachmentFileId, ChatMessageId, FileStatusId, OutputFileId, OutputTypeId, SoftwareId, Uuid,
    WorkingFileId,
};

model!(
    /// A working file: an artist's scene for a task, source of output files.
    ///
    /// One working file (`get`) and lists with `relations=true` add the ids of its `outputs`.
    WorkingFile: WorkingFileId in "working-files" {
        /// Its name.
        name: Option<String>,
        /// Its description.
        description: Option<String>,
        /// The artist's comment on it.
        comment: Option<String>,
        /// Its revision.
        revision: Option<i64>,
        /// Its size in bytes.
        size: Option<i64>,
        /// Its checksum.
        checksum: Option<i64>,
        /// Its path on the studio's storage.
        path: Option<String>,
        /// Free data.
        data: Option<Value>,
        /// `validated`, `rejected` or `neutral`.
        validation_status: Option<String>,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// The shot, asset… it is for.
        entity_id: Option<EntityId> => opt_id,
        /// Who made it.
        person_id: Option<PersonId> => opt_id,
        /// The software it was made with.
        software_id: Option<SoftwareId> => opt_id,
        /// Its id in ShotGrid, for migrated productions.
        shotgun_id: Option<i64>,
        /// The output files published from it.
        outputs: Vec<OutputFileId> => or_default,
    }
);

model!(
    /// An output file: what a publication produced (a cache, a render…).
    ///
    /// Zou embeds its source working file whole (`source_file`) in every answer.
    OutputFile: OutputFileId in "output-files" {
        /// Its name.
        name: String,
        /// Its revision.
        revision: Option<i64>,
        /// Whether it was canceled.
        canceled: Option<bool>,
        /// Its size in bytes.
        size: Option<i64>,
        /// Its checksum.
        checksum: Option<String>,
        /// Its description.
        description: Option<String>,
        /// The artist's comment on it.
        comment: Option<String>,
        /// Its extension.
        extension: Option<String>,
        /// Its representation (`abc`, `mp4`…).
        representation: Option<String>,
        /// How many files it is (an image sequence is many).
        nb_elements: Option<i64>,
        /// Where it came from.
        source: Option<String>,
        /// Its path on the studio's storage.
        path: Option<String>,
        /// Free data.
        data: Option<Value>,
        /// `low`, `mid` or `high`.
        quality: Option<String>,
        /// Its status.
        file_status_id: Option<FileStatusId> => opt_id,
        /// The shot, asset… it is for.
        entity_id: Option<EntityId> => opt_id,
        /// The asset instance it is for (an asset-instance id, as Zou's `asset_instance_id`).
        asset_instance_id: Option<Uuid> => opt_uuid,
        /// Its type (Geometry, Cache…).
        output_type_id: Option<OutputTypeId> => opt_id,
        /// The task type it comes from.
        task_type_id: Option<TaskTypeId> => opt_id,
        /// Who published it.
        person_id: Option<PersonId> => opt_id,
        /// The working file it was made from.
        source_file_id: Option<WorkingFileId> => opt_id,
        /// The working file it was made from, embedded.
        source_file: Option<Box<WorkingFile>>,
        /// The shot or scene it is used in, for an asset instance's output.
        temporal_entity_id: Option<EntityId> => opt_id,
        /// Its id in ShotGrid, for migrated productions.
        shotgun_id: Option<i64>,
    }
);

model!(
    /// A type of output file (Geometry, Cache, Render…).
    OutputType: OutputTypeId in "output-types" {
        /// Its name.
        name: String,
        /// Its short name.
        short_name: Option<String>,
    }
);

model!(
    /// A status of output files (`file-status`).
    FileStatus: FileStatusId in "file-status" {
        /// Its name.
        name: String,
        /// Its colour (`#rrggbb`).
        color: Option<String>,
    }
);

model!(
    /// A file attached to a comment, a comment's reply or a chat message.
    ///
    /// Zou embeds the comment (`comment`) and chat message (`chat_message`) it hangs on,
    /// whole, in every answer.
    AttachmentFile: AttachmentFileId in "attachment-files" {
        /// Its name.
        name: Option<String>,
        /// Its size in bytes.
        size: Option<i64>,
        /// Its extension.
        extension: Option<String>,
        /// Its MIME type.
        mimetype: Option<String>,
        /// The comment it is attached to.
        comment_id: Option<CommentId> => opt_id,
        /// The reply (of the comment) it is attached to: the reply's id in the comment's
        /// `replies`.
        reply_id: Option<Uuid> => opt_uuid,
        /// The chat message it is attached to.
        chat_message_id: Option<ChatMessageId> => opt_id,
        /// The comment it is attached to, embedded.
        comment: Option<Box<Comment>>,
        /// The chat message it is attached to, embedded.
        chat_message: Option<Box<ChatMessage>>,
    }
);

/// An attachment file as a comment or chat message lists it: its id (in lists), or the file
/// itself (on one comment: `{"id", "name", "extension", "size"}`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum AttachmentFileRef {
    /// The file's id.
    Id(AttachmentFileId),
    /// The file.
    File(Box<AttachmentFile>),
}

/// A preview file as a comment lists it: its id, or the preview itself (when asked
/// `with_previews=true`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum PreviewFileRef {
    /// The preview's id.
    Id(PreviewFileId),
    /// The preview.
    File(Box<PreviewFile>),
}

/// A working file's place in the project's file tree, as Zou builds it
/// (`data/tasks/<id>/working-file-path`): a folder and a file name without extension.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct WorkingFilePath {
    /// The folder.
    pub path: String,
    /// The file name, without extension.
    pub name: String,
}

/// An output file's place in the project's file tree, as Zou builds it
/// (`data/entities/<id>/output-file-path`): a folder and a file name without extension.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutputFilePath {
    /// The folder.
    pub folder_path: String,
    /// The file name, without extension.
    pub file_name: String,
}

/// Joins a folder and a file name as gazu does: `sep` between them, every space an underscore.
pub fn join_file_path(folder: &str, name: &str, sep: &str) -> String {
    format!(
        "{}{sep}{}",
        folder.replace(' ', "_"),
        name.replace(' ', "_")
    )
}

impl WorkingFilePath {
    /// The full path (folder, `sep`, name; spaces made underscores), as gazu's
    /// `build_working_file_path` returns it.
    pub fn joined(&self, sep: &str) -> String {
        join_file_path(&self.path, &self.name, sep)
    }
}

impl OutputFilePath {
    /// The full path (folder, `sep`, name; spaces made underscores), as gazu's
    /// `build_entity_output_file_path` returns it.
    pub fn joined(&self, sep: &str) -> String {
        join_file_path(&self.folder_path, &self.file_name, sep)
    }
}

/// The answer of the next-revision routes: `{"next_revision": n}`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct NextRevision {
    /// The next revision number (1 when there is none yet).
    pub next_revision: i64,
}

/// The answer of an avatar or logo upload: where Zou stored the thumbnail.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ThumbnailPath {
    /// The thumbnail's path on the API (`/pictures/thumbnails/persons/<id>.png`).
    pub thumbnail_path: String,
}

#[cfg(test)]
mod file_path_tests {
    use super::*;

    #[test]
    fn paths_join_as_gazu_joins_them() {
        let working = WorkingFilePath {
            path: "/prod/my show/shots".into(),
            name: "SH010 anim v001".into(),
        };
        assert_eq!(working.joined("/"), "/prod/my_show/shots/SH010_anim_v001");
        let output = OutputFilePath {
            folder_path: "C:\\prod".into(),
            file_name: "hero".into(),
        };
        assert_eq!(output.joined("\\"), "C:\\prod\\hero");
    }
}
