//! Persons: lookups on [`Client::persons`], creation ([`NewPerson`], [`NewBot`]), one person's
//! routes on [`PersonHandle`] (`kitsu.person(id)`: changes, password, invitation, departments,
//! avatar, time sheets, days off), departments ([`DepartmentHandle`], [`NewDepartment`]) and
//! days off ([`DayOffHandle`], [`NewDayOff`]).

use std::future::IntoFuture;
use std::path::Path;

use chrono::NaiveDate;
use futures_util::future::BoxFuture;
use kitsu_core::ids::{DayOffId, DepartmentId, PersonId};
use kitsu_core::routes;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::NewRow;
use crate::files::Upload;
use crate::models::{
    ActionOutcome, DayOff, Department, Organisation, Person, TimeSheetEntry, TimeSpent,
};
use crate::{ApiError, Client, Collection, Query};

/// The most a presence log (CSV) may weigh.
const PRESENCE_LOG_LIMIT: usize = 64 * 1024 * 1024;

/// A day as Zou writes it in routes and queries (`2026-11-25`).
pub(super) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn two_digits(month: u32) -> String {
    format!("{month:02}")
}

impl Client {
    /// One person: changes, password, invitation, departments, avatar, time sheets, days off.
    pub fn person(&self, id: PersonId) -> PersonHandle {
        PersonHandle {
            client: self.clone(),
            id,
        }
    }

    /// One department: read, change, delete.
    pub fn department(&self, id: DepartmentId) -> DepartmentHandle {
        DepartmentHandle {
            client: self.clone(),
            id,
        }
    }

    /// One day off: read, change, delete.
    pub fn day_off(&self, id: DayOffId) -> DayOffHandle {
        DayOffHandle {
            client: self.clone(),
            id,
        }
    }

    /// The organisation the token belongs to (`GET auth/authenticated`, its `organisation`).
    #[doc(alias = "get_organisation")]
    pub async fn organisation(&self) -> Result<Organisation, ApiError> {
        #[derive(Deserialize)]
        struct Authenticated {
            organisation: Organisation,
        }
        let answer: Authenticated = self.get(routes::authenticated()).await?;
        Ok(answer.organisation)
    }

    /// The studio's presence log of a month, as CSV text (one line a person, one column a
    /// day).
    #[doc(alias = "get_presence_log")]
    pub async fn presence_log(&self, year: i32, month: u32) -> Result<String, ApiError> {
        let month = format!("{year}-{}", two_digits(month));
        let bytes = self
            .download_bytes(routes::presence_logs(&month), PRESENCE_LOG_LIMIT)
            .await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Collection<Person> {
    async fn first_person(&self, query: Query) -> Result<Option<Person>, ApiError> {
        self.first(&query).await
    }

    /// The person (not a bot) with this email, if any.
    #[doc(alias = "get_person_by_email")]
    pub async fn by_email(&self, email: &str) -> Result<Option<Person>, ApiError> {
        self.first_person(Query::new().param("email", email).param("is_bot", false))
            .await
    }

    /// The bot with this email, if any.
    pub async fn bot_by_email(&self, email: &str) -> Result<Option<Person>, ApiError> {
        self.first_person(Query::new().param("email", email).param("is_bot", true))
            .await
    }

    /// The person (not a bot) who logs in on their workstation as `login`, if any.
    #[doc(alias = "get_person_by_desktop_login")]
    pub async fn by_desktop_login(&self, login: &str) -> Result<Option<Person>, ApiError> {
        self.first_person(
            Query::new()
                .param("desktop_login", login)
                .param("is_bot", false),
        )
        .await
    }

    /// The person (not a bot) with this full name (`Jane Doe`), if any.
    #[doc(alias = "get_person_by_full_name")]
    pub async fn by_full_name(&self, full_name: &str) -> Result<Option<Person>, ApiError> {
        self.first_person(
            Query::new()
                .param("full_name", full_name)
                .param("is_bot", false),
        )
        .await
    }

    /// The person (not a bot) with this first and last name, if any.
    #[doc(alias = "get_person_by_full_name")]
    pub async fn by_names(
        &self,
        first_name: &str,
        last_name: &str,
    ) -> Result<Option<Person>, ApiError> {
        self.first_person(
            Query::new()
                .param("first_name", first_name)
                .param("last_name", last_name)
                .param("is_bot", false),
        )
        .await
    }

    /// A new person (a `user` with an open-ended contract, active, unless the builder says
    /// otherwise): `.await` creates them, [`NewPerson::get_or_create`] gives back the person
    /// with that email if there is one (gazu's `new_person`).
    pub fn new_person(
        &self,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        email: impl Into<String>,
    ) -> NewPerson {
        let email = email.into();
        let mut fields = Map::new();
        fields.insert("first_name".into(), first_name.into().into());
        fields.insert("last_name".into(), last_name.into().into());
        fields.insert("email".into(), email.clone().into());
        fields.insert("phone".into(), "".into());
        fields.insert("role".into(), "user".into());
        fields.insert("desktop_login".into(), "".into());
        fields.insert("departments".into(), json!([]));
        fields.insert("password".into(), Value::Null);
        fields.insert("active".into(), true.into());
        fields.insert("contract_type".into(), "open-ended".into());
        NewPerson {
            client: self.client().clone(),
            email,
            fields,
        }
    }

    /// A new bot (an API token with a role): `.await` creates it; Zou's answer carries its
    /// `access_token` (in `other`).
    #[doc(alias = "person.new_bot")]
    pub fn new_bot(&self, name: impl Into<String>, email: impl Into<String>) -> NewBot {
        NewRow::new(
            self.client().clone(),
            routes::collection("persons"),
            [
                ("first_name", name.into().into()),
                ("last_name", "".into()),
                ("email", email.into().into()),
                ("role", "user".into()),
                ("departments", json!([])),
                ("active", true.into()),
                ("expiration_date", Value::Null),
                ("is_bot", true.into()),
            ],
        )
    }
}

fn department_ids(departments: &[DepartmentId]) -> Value {
    departments.iter().map(|id| id.to_string()).collect()
}

/// A new person: `kitsu.persons().new_person("Jane", "Doe", "jane@studio.com").role("manager")`,
/// awaited to create them, or [`NewPerson::get_or_create`].
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct NewPerson {
    client: Client,
    email: String,
    fields: Map<String, Value>,
}

impl NewPerson {
    fn set(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// Phone number.
    pub fn phone(self, phone: impl Into<String>) -> Self {
        self.set("phone", phone.into())
    }

    /// `user` (the default: an artist), `supervisor`, `manager`, `admin`, `client`, `vendor`.
    pub fn role(self, role: impl Into<String>) -> Self {
        self.set("role", role.into())
    }

    /// The login on their workstation.
    pub fn desktop_login(self, login: impl Into<String>) -> Self {
        self.set("desktop_login", login.into())
    }

    /// Their departments.
    pub fn departments(self, departments: &[DepartmentId]) -> Self {
        self.set("departments", department_ids(departments))
    }

    /// Their password (otherwise they set it from an invitation).
    pub fn password(self, password: impl Into<String>) -> Self {
        self.set("password", password.into())
    }

    /// Whether they can log in (true by default).
    pub fn active(self, active: bool) -> Self {
        self.set("active", active)
    }

    /// `open-ended` (the default), `fixed-term`, `short-term`, `freelance`, `apprentice`,
    /// `internship`.
    pub fn contract_type(self, contract_type: impl Into<String>) -> Self {
        self.set("contract_type", contract_type.into())
    }

    /// Sets any other field Zou takes.
    pub fn field(self, name: &str, value: impl Into<Value>) -> Self {
        self.set(name, value)
    }

    /// The person with this email if there is one, otherwise the new person (gazu's
    /// `new_person`): safe to run again.
    #[doc(alias = "new_person")]
    pub async fn get_or_create(self) -> Result<Person, ApiError> {
        let persons: Collection<Person> = self.client.collection();
        if let Some(person) = persons.by_email(&self.email).await? {
            return Ok(person);
        }
        self.await
    }
}

impl IntoFuture for NewPerson {
    type Output = Result<Person, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.client
                .post(routes::collection("persons"), &self.fields)
                .await
        })
    }
}

/// A new bot: `kitsu.persons().new_bot("render farm", "farm@studio.com").role("manager").await`.
pub type NewBot = NewRow<Person>;

impl NewRow<Person> {
    /// `user` (the default), `supervisor`, `manager`, `admin`.
    pub fn role(self, role: impl Into<String>) -> Self {
        self.field("role", role.into())
    }

    /// Its departments.
    pub fn departments(self, departments: &[DepartmentId]) -> Self {
        self.field("departments", department_ids(departments))
    }

    /// Whether its token works (true by default).
    pub fn active(self, active: bool) -> Self {
        self.field("active", active)
    }

    /// The day its token stops working.
    pub fn expiration_date(self, date: NaiveDate) -> Self {
        self.field("expiration_date", day(date))
    }
}

/// One person (`kitsu.person(id)`).
#[derive(Clone, Debug)]
pub struct PersonHandle {
    client: Client,
    id: PersonId,
}

impl PersonHandle {
    /// Its id.
    pub fn id(&self) -> PersonId {
        self.id
    }

    /// Their page in Kitsu's web interface (`https://kitsu.mystudio.com/people/{id}/`), built
    /// from the client's base URL without its `/api` suffix. No request is sent.
    #[doc(alias = "get_person_url")]
    pub fn web_url(&self) -> String {
        format!(
            "{}/people/{}/",
            super::entity_common::web_root(&self.client),
            self.id
        )
    }

    async fn find(&self, relations: bool) -> Result<Option<Person>, ApiError> {
        let mut query = Query::new().param("id", self.id);
        if relations {
            query = query.param("relations", true);
        }
        self.client
            .fetch_first(routes::collection("persons"), &query)
            .await
    }

    /// The person, if they exist.
    #[doc(alias = "get_person")]
    pub async fn get(&self) -> Result<Option<Person>, ApiError> {
        self.find(false).await
    }

    /// The person with their relations (departments…), if they exist.
    #[doc(alias = "get_person")]
    pub async fn get_with_relations(&self) -> Result<Option<Person>, ApiError> {
        self.find(true).await
    }

    /// Changes their fields (a bot's too); `departments` takes a list of ids.
    #[doc(alias = "update_person", alias = "update_bot")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Person, ApiError> {
        self.client
            .put(routes::collection_item("persons", self.id.into()), changes)
            .await
    }

    /// Deletes them (a bot too). Zou refuses while they have tasks, comments or time spent:
    /// see [`PersonHandle::delete_forever`].
    #[doc(alias = "remove_person", alias = "remove_bot")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client
            .delete(routes::collection_item("persons", self.id.into()))
            .await
    }

    /// Deletes them with what hangs on them (`?force=true`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.client
            .delete_with(
                routes::collection_item("persons", self.id.into()),
                &Query::new().param("force", true),
            )
            .await
    }

    /// Sets their password (admins; at least 8 characters).
    #[doc(alias = "change_password_for_person")]
    pub async fn change_password(&self, password: &str) -> Result<ActionOutcome, ApiError> {
        self.client
            .post(
                routes::change_password(self.id),
                &json!({ "password": password, "password_2": password }),
            )
            .await
    }

    /// Emails them an invitation to Kitsu.
    #[doc(alias = "invite_person")]
    pub async fn invite(&self) -> Result<ActionOutcome, ApiError> {
        self.client.get(routes::invite_person(self.id)).await
    }

    /// Adds them to a department; Zou answers the person.
    #[doc(alias = "add_person_to_department")]
    pub async fn join_department(&self, department: DepartmentId) -> Result<Person, ApiError> {
        self.client
            .post(
                routes::person_add_department(self.id),
                &json!({ "department_id": department }),
            )
            .await
    }

    /// Removes them from a department.
    #[doc(alias = "remove_person_from_department")]
    pub async fn leave_department(&self, department: DepartmentId) -> Result<(), ApiError> {
        self.client
            .delete(routes::person_department(self.id, department))
            .await
    }

    /// Turns their two-factor authentication off (admins).
    #[doc(alias = "disable_two_factor_authentication")]
    pub async fn disable_two_factor(&self) -> Result<(), ApiError> {
        self.client
            .delete(routes::person_disable_two_factor(self.id))
            .await
    }

    /// Uploads their avatar picture; Zou answers the picture's path (`thumbnail_path`).
    #[doc(alias = "person.set_avatar")]
    pub async fn set_avatar(&self, file: impl AsRef<Path>) -> Result<Value, ApiError> {
        self.client
            .upload(
                routes::person_avatar_upload(self.id),
                Upload::file(file.as_ref()),
            )
            .await
    }

    /// Removes their avatar.
    #[doc(alias = "clear_person_avatar")]
    pub async fn clear_avatar(&self) -> Result<(), ApiError> {
        self.client
            .delete(routes::person_clear_avatar(self.id))
            .await
    }

    /// Their time spent entries from `start` to `end`.
    #[doc(alias = "get_time_spents_range")]
    pub async fn time_spents(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Vec<TimeSpent>, ApiError> {
        self.client
            .get_with(
                routes::person_time_spents(self.id),
                &Query::new()
                    .param("start_date", day(start))
                    .param("end_date", day(end)),
            )
            .await
    }

    /// Their time spent entries of one day.
    #[doc(alias = "person.get_time_spents_by_date")]
    pub async fn time_spents_on(&self, date: NaiveDate) -> Result<Vec<TimeSpent>, ApiError> {
        self.client
            .get(routes::person_day_time_spents(self.id, &day(date)))
            .await
    }

    /// Their time spent entries of a month.
    #[doc(alias = "get_all_month_time_spents")]
    pub async fn month_time_spents(
        &self,
        year: i32,
        month: u32,
    ) -> Result<Vec<TimeSpent>, ApiError> {
        self.client
            .get(routes::person_month_all_time_spents(
                self.id,
                year,
                &two_digits(month),
            ))
            .await
    }

    /// Their time sheet of an ISO week: the time spent on each task, summed.
    #[doc(alias = "get_week_time_spents")]
    pub async fn week_time_sheet(
        &self,
        year: i32,
        week: u32,
    ) -> Result<Vec<TimeSheetEntry>, ApiError> {
        self.client
            .get(routes::person_week_time_spents(self.id, year, week))
            .await
    }

    /// Their time sheet of a year: the time spent on each task, summed.
    #[doc(alias = "get_year_time_spents")]
    pub async fn year_time_sheet(&self, year: i32) -> Result<Vec<TimeSheetEntry>, ApiError> {
        self.client
            .get(routes::person_year_time_spents(self.id, year))
            .await
    }

    /// Their days off.
    #[doc(alias = "get_day_offs")]
    pub async fn day_offs(&self) -> Result<Vec<DayOff>, ApiError> {
        self.client
            .fetch_all(routes::person_day_offs(self.id))
            .await
    }

    /// Their days off in an ISO week.
    #[doc(alias = "get_week_day_offs")]
    pub async fn week_day_offs(&self, year: i32, week: u32) -> Result<Vec<DayOff>, ApiError> {
        self.client
            .get(routes::person_week_day_offs(self.id, year, week))
            .await
    }

    /// Their days off in a month.
    #[doc(alias = "get_month_day_offs")]
    pub async fn month_day_offs(&self, year: i32, month: u32) -> Result<Vec<DayOff>, ApiError> {
        self.client
            .get(routes::person_month_day_offs(
                self.id,
                year,
                &two_digits(month),
            ))
            .await
    }

    /// Their days off in a year.
    #[doc(alias = "get_year_day_offs")]
    pub async fn year_day_offs(&self, year: i32) -> Result<Vec<DayOff>, ApiError> {
        self.client
            .get(routes::person_year_day_offs(self.id, year))
            .await
    }

    /// A new day off from `date` to `end_date` (inclusive): `.description("…")`, then `.await`.
    /// Zou refuses one overlapping another, and removes the time spent it covers.
    #[doc(alias = "person.new_day_off")]
    pub fn new_day_off(&self, date: NaiveDate, end_date: NaiveDate) -> NewDayOff {
        NewRow::new(
            self.client.clone(),
            routes::collection("day-offs"),
            [
                ("person_id", self.id.to_string().into()),
                ("date", day(date).into()),
                ("end_date", day(end_date).into()),
            ],
        )
    }
}

/// A new day off: `kitsu.person(id).new_day_off(start, end).description("holidays").await`.
pub type NewDayOff = NewRow<DayOff>;

impl NewRow<DayOff> {
    /// Why.
    pub fn description(self, description: impl Into<String>) -> Self {
        self.field("description", description.into())
    }
}

/// One day off (`kitsu.day_off(id)`).
#[derive(Clone, Debug)]
pub struct DayOffHandle {
    client: Client,
    id: DayOffId,
}

impl DayOffHandle {
    /// Its id.
    pub fn id(&self) -> DayOffId {
        self.id
    }

    /// The day off.
    #[doc(alias = "person.get_day_off")]
    pub async fn get(&self) -> Result<DayOff, ApiError> {
        self.client.day_offs().get(self.id).await
    }

    /// Changes its `date`, `end_date`, `description` or `person_id`.
    #[doc(alias = "update_day_off")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<DayOff, ApiError> {
        self.client.day_offs().update(self.id, changes).await
    }

    /// Deletes it.
    #[doc(alias = "remove_day_off")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.day_offs().delete(self.id).await
    }
}

impl Collection<Organisation> {
    /// Every organisation (Zou keeps one), by name.
    #[doc(alias = "all_organisations")]
    pub async fn all(&self) -> Result<Vec<Organisation>, ApiError> {
        let mut organisations = self.list().await?;
        organisations.sort_by_cached_key(|row| row.name.to_lowercase());
        Ok(organisations)
    }
}

impl Collection<Department> {
    /// Every department, by name.
    #[doc(alias = "all_departments")]
    pub async fn all(&self) -> Result<Vec<Department>, ApiError> {
        let mut departments = self.list().await?;
        departments.sort_by_cached_key(|row| row.name.to_lowercase());
        Ok(departments)
    }

    /// A new department: `.color("#00FF00")`, then `.await` creates it, or
    /// [`NewDepartment::get_or_create`] gives back the one of that name if there is one
    /// (gazu's `new_department`).
    pub fn new_department(&self, name: impl Into<String>) -> NewDepartment {
        NewDepartment {
            client: self.client().clone(),
            name: name.into(),
            color: String::new(),
            archived: false,
        }
    }
}

/// A new department: `kitsu.departments().new_department("FX").color("#ff0000")`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct NewDepartment {
    client: Client,
    name: String,
    color: String,
    archived: bool,
}

impl NewDepartment {
    /// Its colour (`#00FF00`).
    pub fn color(mut self, color: impl Into<String>) -> Self {
        self.color = color.into();
        self
    }

    /// Whether it is archived.
    pub fn archived(mut self, archived: bool) -> Self {
        self.archived = archived;
        self
    }

    /// The department of that name if there is one, otherwise the new one (gazu's
    /// `new_department`).
    #[doc(alias = "new_department")]
    pub async fn get_or_create(self) -> Result<Department, ApiError> {
        if let Some(department) = self.client.departments().by_name(&self.name).await? {
            return Ok(department);
        }
        self.await
    }
}

impl IntoFuture for NewDepartment {
    type Output = Result<Department, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.client
                .departments()
                .create(&json!({
                    "name": self.name,
                    "color": self.color,
                    "archived": self.archived,
                }))
                .await
        })
    }
}

/// One department (`kitsu.department(id)`).
#[derive(Clone, Debug)]
pub struct DepartmentHandle {
    client: Client,
    id: DepartmentId,
}

impl DepartmentHandle {
    /// Its id.
    pub fn id(&self) -> DepartmentId {
        self.id
    }

    /// The department.
    #[doc(alias = "get_department")]
    pub async fn get(&self) -> Result<Department, ApiError> {
        self.client.departments().get(self.id).await
    }

    /// Changes its `name`, `color` or `archived`.
    #[doc(alias = "update_department")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<Department, ApiError> {
        self.client.departments().update(self.id, changes).await
    }

    /// Deletes it (Zou refuses while persons or task types use it: see
    /// [`DepartmentHandle::delete_forever`]).
    #[doc(alias = "remove_department")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.departments().delete(self.id).await
    }

    /// Deletes it with what hangs on it (`?force=true`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.client.departments().delete_forever(self.id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_have_two_digits_and_days_are_iso() {
        assert_eq!(two_digits(3), "03");
        assert_eq!(two_digits(11), "11");
        let date = NaiveDate::from_ymd_opt(2026, 4, 9).expect("a date");
        assert_eq!(day(date), "2026-04-09");
    }
}
