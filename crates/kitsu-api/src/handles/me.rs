//! [`Me`]: the logged-in user (gazu's `user` module): who they are, their tasks, time sheet,
//! notifications, saved searches, subscriptions and chats, and the lists of what they have
//! tasks in (the `data/user/…` routes).

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use kitsu_core::ids::{
    AssetId, AssetTypeId, EntityId, NotificationId, ProjectId, SceneId, SearchFilterGroupId,
    SearchFilterId, SequenceId, ShotId, TaskId,
};
use kitsu_core::routes;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::NewRow;
use super::person::day;
use crate::models::{
    ActionOutcome, Asset, AssetType, Chat, DayOff, DesktopLoginLog, Episode, Notification, Person,
    Project, Scene, SearchFilter, SearchFilterGroup, Sequence, Shot, Subscription, Task, TaskType,
    TimeSpent, UserContext,
};
use crate::{ApiError, Client, Query};

/// The logged-in user's saved searches: by list type (`asset`, `shot`, `todo`…), then by
/// project id (`all` for those of no project).
pub type FiltersByList = BTreeMap<String, BTreeMap<String, Vec<SearchFilter>>>;

/// The logged-in user's groups of saved searches, arranged as [`FiltersByList`].
pub type FilterGroupsByList = BTreeMap<String, BTreeMap<String, Vec<SearchFilterGroup>>>;

/// A new saved search: `kitsu.me().new_filter("late", "status=wip", "shot").project(id).await`.
pub type NewFilter = NewRow<SearchFilter>;

impl NewRow<SearchFilter> {
    /// The project it is for (otherwise every project).
    pub fn project(self, project: ProjectId) -> Self {
        self.field("project_id", project.to_string())
    }

    /// The entity type it is for (`Asset`, `Shot`, `Edit`).
    pub fn entity_type(self, entity_type: impl Into<String>) -> Self {
        self.field("entity_type", entity_type.into())
    }
}

/// A new group of saved searches: `kitsu.me().new_filter_group("mine").project(id).await`.
pub type NewFilterGroup = NewRow<SearchFilterGroup>;

impl NewRow<SearchFilterGroup> {
    /// The project it is for (otherwise every project).
    pub fn project(self, project: ProjectId) -> Self {
        self.field("project_id", project.to_string())
    }

    /// The list it is for (`todo`, Zou's default, `asset`, `shot`…).
    pub fn list_type(self, list_type: impl Into<String>) -> Self {
        self.field("list_type", list_type.into())
    }

    /// Its colour (`#rrggbb`).
    pub fn color(self, color: impl Into<String>) -> Self {
        self.field("color", color.into())
    }
}

/// An answer that is a row, or `{}`/`null` for none.
struct RowOrNone<T>(Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for RowOrNone<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(RowOrNone(None)),
            Value::Object(fields) if fields.is_empty() => Ok(RowOrNone(None)),
            answer => T::deserialize(answer)
                .map(|row| RowOrNone(Some(row)))
                .map_err(serde::de::Error::custom),
        }
    }
}

/// The logged-in user (`client.me()`).
#[derive(Clone, Debug)]
pub struct Me {
    client: Client,
}

impl Me {
    pub(crate) fn new(client: Client) -> Self {
        Me { client }
    }

    async fn list<T: DeserializeOwned>(&self, route: String) -> Result<Vec<T>, ApiError> {
        self.client.fetch_all(route).await
    }

    /// Who the token belongs to (`GET auth/authenticated`).
    #[doc(alias = "get_current_user")]
    pub async fn person(&self) -> Result<Person, ApiError> {
        #[derive(Deserialize)]
        struct Authenticated {
            user: Person,
        }
        let answer: Authenticated = self.client.get(routes::authenticated()).await?;
        Ok(answer.user)
    }

    /// Whether the token is (still) good: false when Zou answers 401, an error for anything
    /// else that goes wrong.
    #[doc(alias = "user.is_authenticated")]
    pub async fn is_authenticated(&self) -> Result<bool, ApiError> {
        #[derive(Deserialize)]
        struct Authenticated {
            #[serde(default)]
            authenticated: bool,
        }
        match self
            .client
            .get::<Authenticated>(routes::authenticated())
            .await
        {
            Ok(answer) => Ok(answer.authenticated),
            Err(error) if error.status() == Some(http::StatusCode::UNAUTHORIZED) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Everything Kitsu's web UI loads at login, as the user may see it.
    #[doc(alias = "user.get_context")]
    pub async fn context(&self) -> Result<UserContext, ApiError> {
        self.client.get(routes::user_context()).await
    }

    // ---- what the user has tasks in ------------------------------------------------------

    /// The open projects the user has access to (admins: every open project).
    #[doc(alias = "user.all_open_projects")]
    pub async fn open_projects(&self) -> Result<Vec<Project>, ApiError> {
        self.list(routes::user_open_projects()).await
    }

    /// The asset types of a project the user has tasks in.
    #[doc(alias = "user.all_asset_types_for_project")]
    pub async fn asset_types(&self, project: ProjectId) -> Result<Vec<AssetType>, ApiError> {
        self.list(routes::user_project_asset_types(project)).await
    }

    /// The assets of a type in a project the user has tasks on.
    #[doc(alias = "user.all_assets_for_asset_type_and_project")]
    pub async fn assets_of_type(
        &self,
        project: ProjectId,
        asset_type: AssetTypeId,
    ) -> Result<Vec<Asset>, ApiError> {
        self.list(routes::user_project_asset_type_assets(project, asset_type))
            .await
    }

    /// The sequences of a project the user has tasks in.
    #[doc(alias = "user.all_sequences_for_project")]
    pub async fn sequences(&self, project: ProjectId) -> Result<Vec<Sequence>, ApiError> {
        self.list(routes::user_project_sequences(project)).await
    }

    /// The episodes of a project the user has tasks in.
    #[doc(alias = "user.all_episodes_for_project")]
    pub async fn episodes(&self, project: ProjectId) -> Result<Vec<Episode>, ApiError> {
        self.list(routes::user_project_episodes(project)).await
    }

    /// The shots of a sequence the user has tasks on.
    #[doc(alias = "user.all_shots_for_sequence")]
    pub async fn shots(&self, sequence: SequenceId) -> Result<Vec<Shot>, ApiError> {
        self.list(routes::user_sequence_shots(sequence)).await
    }

    /// The scenes of a sequence the user has tasks on.
    #[doc(alias = "user.all_scenes_for_sequence")]
    pub async fn sequence_scenes(&self, sequence: SequenceId) -> Result<Vec<Scene>, ApiError> {
        self.list(routes::user_sequence_scenes(sequence)).await
    }

    /// The user's tasks on an asset.
    #[doc(alias = "user.all_tasks_for_asset")]
    pub async fn asset_tasks(&self, asset: AssetId) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_asset_tasks(asset)).await
    }

    /// The user's tasks on a shot.
    #[doc(alias = "user.all_tasks_for_shot")]
    pub async fn shot_tasks(&self, shot: ShotId) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_shot_tasks(shot)).await
    }

    /// The user's tasks on a scene.
    #[doc(alias = "user.all_tasks_for_scene")]
    pub async fn scene_tasks(&self, scene: SceneId) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_scene_tasks(scene)).await
    }

    /// The user's tasks on a sequence.
    #[doc(alias = "user.all_tasks_for_sequence")]
    pub async fn sequence_tasks(&self, sequence: SequenceId) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_sequence_tasks(sequence)).await
    }

    /// The task types of the user's tasks on an asset.
    #[doc(alias = "user.all_task_types_for_asset")]
    pub async fn asset_task_types(&self, asset: AssetId) -> Result<Vec<TaskType>, ApiError> {
        self.list(routes::user_asset_task_types(asset)).await
    }

    /// The task types of the user's tasks on a shot.
    #[doc(alias = "user.all_task_types_for_shot")]
    pub async fn shot_task_types(&self, shot: ShotId) -> Result<Vec<TaskType>, ApiError> {
        self.list(routes::user_shot_task_types(shot)).await
    }

    /// The task types of the user's tasks on a scene.
    #[doc(alias = "user.all_task_types_for_scene")]
    pub async fn scene_task_types(&self, scene: SceneId) -> Result<Vec<TaskType>, ApiError> {
        self.list(routes::user_scene_task_types(scene)).await
    }

    /// The task types of the user's tasks on a sequence.
    #[doc(alias = "user.all_task_types_for_sequence")]
    pub async fn sequence_task_types(
        &self,
        sequence: SequenceId,
    ) -> Result<Vec<TaskType>, ApiError> {
        self.list(routes::user_sequence_task_types(sequence)).await
    }

    // ---- tasks -----------------------------------------------------------------------------

    /// The user's unfinished tasks: their to-do list.
    #[doc(alias = "user.all_tasks_to_do")]
    pub async fn tasks(&self) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_tasks()).await
    }

    /// The user's finished tasks.
    #[doc(alias = "user.all_done_tasks")]
    pub async fn done_tasks(&self) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_done_tasks()).await
    }

    /// The tasks waiting for the user's feedback (supervisors).
    #[doc(alias = "user.all_tasks_requiring_feedback")]
    pub async fn tasks_to_check(&self) -> Result<Vec<Task>, ApiError> {
        self.list(routes::user_tasks_to_check()).await
    }

    // ---- time sheet ------------------------------------------------------------------------

    /// The user's time spent entries from `start` to `end`.
    #[doc(alias = "user.get_timespents_range")]
    pub async fn time_spents(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Vec<TimeSpent>, ApiError> {
        self.client
            .get_with(
                routes::user_time_spents(),
                &Query::new()
                    .param("start_date", day(start))
                    .param("end_date", day(end)),
            )
            .await
    }

    /// The user's time spent entries of one day.
    #[doc(alias = "user.get_time_spents_by_date")]
    pub async fn time_spents_on(&self, date: NaiveDate) -> Result<Vec<TimeSpent>, ApiError> {
        self.client
            .get(routes::user_day_time_spents(&day(date)))
            .await
    }

    /// The user's time spent on a task one day, if any.
    #[doc(alias = "user.get_task_time_spent")]
    pub async fn task_time_spent(
        &self,
        task: TaskId,
        date: NaiveDate,
    ) -> Result<Option<TimeSpent>, ApiError> {
        let answer: RowOrNone<TimeSpent> = self
            .client
            .get(routes::user_task_time_spent(task, &day(date)))
            .await?;
        Ok(answer.0)
    }

    /// The user's day off covering `date`, if any.
    #[doc(alias = "user.get_day_off")]
    pub async fn day_off(&self, date: NaiveDate) -> Result<Option<DayOff>, ApiError> {
        let answer: RowOrNone<DayOff> = self.client.get(routes::user_day_off(&day(date))).await?;
        Ok(answer.0)
    }

    /// Logs that the user logged in on their workstation now.
    #[doc(alias = "user.log_desktop_session_log_in")]
    pub async fn log_desktop_login(&self) -> Result<DesktopLoginLog, ApiError> {
        let now = Utc::now().naive_utc().format("%Y-%m-%dT%H:%M:%S%.6f");
        self.client
            .post(
                routes::user_desktop_login_logs(),
                &json!({ "date": now.to_string() }),
            )
            .await
    }

    /// The user's logins on their workstation.
    #[doc(alias = "user.all_desktop_login_logs")]
    pub async fn desktop_login_logs(&self) -> Result<Vec<DesktopLoginLog>, ApiError> {
        self.list(routes::user_desktop_login_logs()).await
    }

    // ---- saved searches ------------------------------------------------------------------

    /// The user's saved searches (and the shared ones), by list type and project.
    #[doc(alias = "user.all_filters")]
    pub async fn filters(&self) -> Result<FiltersByList, ApiError> {
        self.client.get(routes::user_filters()).await
    }

    /// A new saved search of a list (`asset`, `shot`, `edit`, `todo`…) with its query text.
    #[doc(alias = "user.new_filter")]
    pub fn new_filter(
        &self,
        name: impl Into<String>,
        query: impl Into<String>,
        list_type: impl Into<String>,
    ) -> NewFilter {
        NewRow::new(
            self.client.clone(),
            routes::user_filters(),
            [
                ("name", name.into().into()),
                ("query", query.into().into()),
                ("list_type", list_type.into().into()),
                ("project_id", Value::Null),
                ("entity_type", Value::Null),
            ],
        )
    }

    /// Changes a saved search (`name`, `query`, `search_filter_group_id`…).
    #[doc(alias = "user.update_filter")]
    pub async fn update_filter(
        &self,
        filter: SearchFilterId,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<SearchFilter, ApiError> {
        self.client.put(routes::user_filter(filter), changes).await
    }

    /// Deletes a saved search.
    #[doc(alias = "user.remove_filter")]
    pub async fn delete_filter(&self, filter: SearchFilterId) -> Result<(), ApiError> {
        self.client.delete(routes::user_filter(filter)).await
    }

    /// The user's groups of saved searches, by list type and project.
    #[doc(alias = "user.all_filter_groups")]
    pub async fn filter_groups(&self) -> Result<FilterGroupsByList, ApiError> {
        self.client.get(routes::user_filter_groups()).await
    }

    /// One of the user's groups of saved searches.
    #[doc(alias = "user.get_filter_group")]
    pub async fn filter_group(
        &self,
        group: SearchFilterGroupId,
    ) -> Result<SearchFilterGroup, ApiError> {
        self.client.get(routes::user_filter_group(group)).await
    }

    /// A new group of saved searches.
    #[doc(alias = "user.new_filter_group")]
    pub fn new_filter_group(&self, name: impl Into<String>) -> NewFilterGroup {
        NewRow::new(
            self.client.clone(),
            routes::user_filter_groups(),
            [("name", name.into().into()), ("project_id", Value::Null)],
        )
    }

    /// Changes a group of saved searches (`name`, `color`…).
    #[doc(alias = "user.update_filter_group")]
    pub async fn update_filter_group(
        &self,
        group: SearchFilterGroupId,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<SearchFilterGroup, ApiError> {
        self.client
            .put(routes::user_filter_group(group), changes)
            .await
    }

    /// Deletes a group of saved searches.
    #[doc(alias = "user.remove_filter_group")]
    pub async fn delete_filter_group(&self, group: SearchFilterGroupId) -> Result<(), ApiError> {
        self.client.delete(routes::user_filter_group(group)).await
    }

    // ---- notifications, subscriptions, chats ------------------------------------------------

    /// The user's notifications, newest first.
    #[doc(alias = "user.all_notifications")]
    pub async fn notifications(&self) -> Result<Vec<Notification>, ApiError> {
        self.list(routes::user_notifications()).await
    }

    /// One of the user's notifications.
    #[doc(alias = "user.get_notification")]
    pub async fn notification(
        &self,
        notification: NotificationId,
    ) -> Result<Notification, ApiError> {
        self.client
            .get(routes::user_notification(notification))
            .await
    }

    /// Marks one of the user's notifications as read, or unread (the one change Zou takes).
    #[doc(alias = "user.update_notification")]
    pub async fn set_notification_read(
        &self,
        notification: NotificationId,
        read: bool,
    ) -> Result<Notification, ApiError> {
        self.client
            .put(
                routes::user_notification(notification),
                &json!({ "read": read }),
            )
            .await
    }

    /// Marks all the user's notifications as read.
    #[doc(alias = "user.mark_all_notifications_as_read")]
    pub async fn mark_all_notifications_read(&self) -> Result<ActionOutcome, ApiError> {
        self.client
            .post(routes::user_mark_all_notifications_read(), &json!({}))
            .await
    }

    /// Whether the user follows a task (gets its notifications).
    #[doc(alias = "user.check_task_subscription")]
    pub async fn follows(&self, task: TaskId) -> Result<bool, ApiError> {
        self.client.get(routes::user_task_subscribed(task)).await
    }

    /// The user starts following a task.
    #[doc(alias = "user.subscribe_to_task")]
    pub async fn follow(&self, task: TaskId) -> Result<Subscription, ApiError> {
        self.client
            .post(routes::user_task_subscribe(task), &json!({}))
            .await
    }

    /// The user stops following a task.
    #[doc(alias = "user.unsubscribe_from_task")]
    pub async fn unfollow(&self, task: TaskId) -> Result<(), ApiError> {
        self.client
            .delete(routes::user_task_unsubscribe(task))
            .await
    }

    /// The chats the user joined.
    #[doc(alias = "user.all_chats")]
    pub async fn chats(&self) -> Result<Vec<Chat>, ApiError> {
        self.list(routes::user_chats()).await
    }

    /// The user joins an entity's chat.
    #[doc(alias = "user.join_chat")]
    pub async fn join_chat(&self, entity: impl Into<EntityId>) -> Result<Chat, ApiError> {
        self.client
            .post(routes::user_chat_join(entity.into()), &json!({}))
            .await
    }

    /// The user leaves an entity's chat.
    #[doc(alias = "user.leave_chat")]
    pub async fn leave_chat(&self, entity: impl Into<EntityId>) -> Result<(), ApiError> {
        self.client
            .delete(routes::user_chat_join(entity.into()))
            .await
    }

    /// Removes the user's avatar.
    #[doc(alias = "user.clear_avatar")]
    pub async fn clear_avatar(&self) -> Result<(), ApiError> {
        self.client.delete(routes::user_clear_avatar()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_answer_is_no_row() {
        let none: RowOrNone<DayOff> = serde_json::from_value(json!({})).expect("none");
        assert!(none.0.is_none());
        let none: RowOrNone<DayOff> = serde_json::from_value(Value::Null).expect("none");
        assert!(none.0.is_none());
        let day_off: RowOrNone<DayOff> = serde_json::from_value(json!({
            "id": "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11", "date": "2026-04-10"
        }))
        .expect("a day off");
        assert!(day_off.0.is_some());
    }
}
