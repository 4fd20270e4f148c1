//! What people read and follow: chats, news, notifications, subscriptions, the event log,
//! saved search filters.

use super::fields::{opt_uuid, or_default};
use super::*;

use chrono::NaiveDateTime;
use kitsu_core::ids::{
    ChatId, ChatMessageId, DepartmentId, EventId, NewsId, NotificationId, PlaylistId,
    SearchFilterGroupId, SearchFilterId, SubscriptionId, Uuid,
};

model!(
    /// A chat: the discussion attached to an entity.
    ///
    /// One chat (`get`) and lists with `relations=true` add its `participants`.
    Chat: ChatId in "chats" {
        /// The entity it is about.
        object_id: Option<EntityId> => opt_id,
        /// What `object_id` names (`entity`).
        object_type: Option<String>,
        /// When the last message was posted.
        last_message: Option<NaiveDateTime> => opt_datetime,
        /// The people in it.
        participants: Vec<PersonId> => or_default,
    }
);

model!(
    /// A message of a chat.
    ///
    /// One message (`get`) and lists with `relations=true` add its `attachment_files`.
    ChatMessage: ChatMessageId in "chat-messages" {
        /// The chat.
        chat_id: Option<ChatId> => opt_id,
        /// The author.
        person_id: Option<PersonId> => opt_id,
        /// The text.
        text: Option<String>,
        /// Its attachment files.
        attachment_files: Vec<AttachmentFileRef> => or_default,
    }
);

model!(
    /// An entry of Zou's event log (`data/events`): what changed, by whom, with the ids it
    /// touched in `data`. Zou names the model `ApiEvent`.
    ApiEvent: EventId in "events" {
        /// The event's name (`asset:new`, `task:update`…).
        name: String,
        /// Who did it.
        user_id: Option<PersonId> => opt_id,
        /// The project it happened in.
        project_id: Option<ProjectId> => opt_id,
        /// The ids it touched (`{"asset_id": …}`).
        data: Option<Value>,
    }
);

model!(
    /// An entry of a production's news feed: made each time a comment is posted.
    News: NewsId in "news" {
        /// Whether the comment changed the task's status.
        change: Option<bool>,
        /// The comment's author.
        author_id: Option<PersonId> => opt_id,
        /// The comment.
        comment_id: Option<CommentId> => opt_id,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// The preview posted with the comment.
        preview_file_id: Option<PreviewFileId> => opt_id,
    }
);

model!(
    /// A notification for a person: a comment, a mention, an assignment…
    ///
    /// Zou's `type` is the model's name (`Notification`, in `kind`); the kind of notification
    /// is `notification_type`.
    Notification: NotificationId in "notifications" {
        /// `comment`, `mention`, `assignation`, `reply`, `reply-mention` or `playlist-ready`.
        notification_type: Option<String>,
        /// Whether it was read.
        read: Option<bool>,
        /// Whether the comment changed the task's status.
        change: Option<bool>,
        /// Who it is for.
        person_id: Option<PersonId> => opt_id,
        /// Who caused it.
        author_id: Option<PersonId> => opt_id,
        /// The comment.
        comment_id: Option<CommentId> => opt_id,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// The playlist (for `playlist-ready`).
        playlist_id: Option<PlaylistId> => opt_id,
        /// The reply (of the comment): the reply's id in the comment's `replies`.
        reply_id: Option<Uuid> => opt_uuid,
    }
);

model!(
    /// A person following a task (notified of its comments).
    Subscription: SubscriptionId in "subscriptions" {
        /// The person.
        person_id: Option<PersonId> => opt_id,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// The entity (deprecated: subscriptions are to tasks).
        entity_id: Option<EntityId> => opt_id,
        /// The task type (deprecated: subscriptions are to tasks).
        task_type_id: Option<TaskTypeId> => opt_id,
    }
);

model!(
    /// A saved search of a list in Kitsu (asset list, shot list, todo list…).
    SearchFilter: SearchFilterId in "search-filters" {
        /// The list it is for (`asset`, `shot`, `todo`…).
        list_type: Option<String>,
        /// The entity type it is for.
        entity_type: Option<String>,
        /// Its name.
        name: Option<String>,
        /// The search.
        search_query: Option<String>,
        /// Whether the project's team sees it.
        is_shared: Option<bool>,
        /// The department it is for.
        department_id: Option<DepartmentId> => opt_id,
        /// The group it is in.
        search_filter_group_id: Option<SearchFilterGroupId> => opt_id,
        /// Whose it is.
        person_id: Option<PersonId> => opt_id,
        /// The project.
        project_id: Option<ProjectId> => opt_id,
    }
);

model!(
    /// A group of saved searches.
    SearchFilterGroup: SearchFilterGroupId in "search-filter-groups" {
        /// The list it is for (`asset`, `shot`, `todo`…).
        list_type: Option<String>,
        /// The entity type it is for.
        entity_type: Option<String>,
        /// Its name.
        name: Option<String>,
        /// Its colour.
        color: Option<String>,
        /// Whether the project's team sees it.
        is_shared: Option<bool>,
        /// Whose it is.
        person_id: Option<PersonId> => opt_id,
        /// The project.
        project_id: Option<ProjectId> => opt_id,
        /// The department it is for.
        department_id: Option<DepartmentId> => opt_id,
    }
);
