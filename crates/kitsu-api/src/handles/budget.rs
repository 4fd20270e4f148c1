//! [`BudgetHandle`]: one of a project's budgets and its entries.

use chrono::NaiveDate;
use kitsu_core::ids::{BudgetEntryId, BudgetId, DepartmentId, PersonId, ProjectId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::Value;

use super::NewRow;
use crate::models::{Budget, BudgetEntry};
use crate::{ApiError, Client};

/// A new budget: `project.new_budget("2027").currency("EUR").await`.
pub type NewBudget = NewRow<Budget>;

impl NewRow<Budget> {
    /// Its currency (`EUR`; Zou's default is `USD`).
    pub fn currency(self, currency: impl Into<String>) -> Self {
        self.field("currency", currency.into())
    }
}

/// A new budget entry: `budget.new_entry(department, start, 6, 300.0).person(id).await`.
pub type NewBudgetEntry = NewRow<BudgetEntry>;

impl NewRow<BudgetEntry> {
    /// The person it pays.
    pub fn person(self, person: PersonId) -> Self {
        self.field("person_id", person.to_string())
    }

    /// `artist` (Zou's default), `supervisor`, `lead`…
    pub fn position(self, position: impl Into<String>) -> Self {
        self.field("position", position.into())
    }

    /// `junior`, `mid` (Zou's default), `senior`.
    pub fn seniority(self, seniority: impl Into<String>) -> Self {
        self.field("seniority", seniority.into())
    }
}

/// One budget of a project (`project.budget(id)`).
#[derive(Clone, Debug)]
pub struct BudgetHandle {
    client: Client,
    project: ProjectId,
    id: BudgetId,
}

impl BudgetHandle {
    pub(crate) fn new(client: Client, project: ProjectId, id: BudgetId) -> Self {
        BudgetHandle {
            client,
            project,
            id,
        }
    }

    /// Its id.
    pub fn id(&self) -> BudgetId {
        self.id
    }

    /// The budget.
    #[doc(alias = "get_budget")]
    pub async fn get(&self) -> Result<Budget, ApiError> {
        self.client
            .get(routes::project_budget(self.project, self.id))
            .await
    }

    /// Changes its `name` or `currency`.
    #[doc(alias = "update_budget")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Budget, ApiError> {
        self.client
            .put(routes::project_budget(self.project, self.id), changes)
            .await
    }

    /// Deletes it, with its entries.
    #[doc(alias = "remove_budget")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_budget(self.project, self.id))
            .await
    }

    /// Its entries.
    #[doc(alias = "get_budget_entries")]
    pub async fn entries(&self) -> Result<Vec<BudgetEntry>, ApiError> {
        self.client
            .fetch_all(routes::budget_entries(self.project, self.id))
            .await
    }

    /// Creates an entry: a position of a department from `start_date`, for `months_duration`
    /// months at `daily_salary` (Zou requires the four); set the person, position and
    /// seniority on the builder, then `.await` it.
    #[doc(alias = "create_budget_entry")]
    pub fn new_entry(
        &self,
        department: DepartmentId,
        start_date: NaiveDate,
        months_duration: i64,
        daily_salary: f64,
    ) -> NewBudgetEntry {
        NewRow::new(
            self.client.clone(),
            routes::budget_entries(self.project, self.id),
            [
                ("department_id", Value::from(department.to_string())),
                ("start_date", Value::from(start_date.to_string())),
                ("months_duration", Value::from(months_duration)),
                ("daily_salary", Value::from(daily_salary)),
            ],
        )
    }

    /// One of its entries.
    pub fn entry(&self, id: BudgetEntryId) -> BudgetEntryHandle {
        BudgetEntryHandle {
            client: self.client.clone(),
            route: routes::budget_entry(self.project, self.id, id),
            id,
        }
    }
}

/// One entry of a budget (`project.budget(id).entry(id)`).
#[derive(Clone, Debug)]
pub struct BudgetEntryHandle {
    client: Client,
    route: String,
    id: BudgetEntryId,
}

impl BudgetEntryHandle {
    /// Its id.
    pub fn id(&self) -> BudgetEntryId {
        self.id
    }

    /// The entry.
    #[doc(alias = "get_budget_entry")]
    pub async fn get(&self) -> Result<BudgetEntry, ApiError> {
        self.client.get(&self.route).await
    }

    /// Changes its fields (`department_id`, `person_id`, `start_date`, `months_duration`,
    /// `daily_salary`, `position`, `seniority`, `exceptions`). Zou 1.0.97 writes every field
    /// absent from `changes` as null, and fails (500) on the required ones: send
    /// `department_id`, `start_date`, `months_duration` and `daily_salary` every time.
    #[doc(alias = "update_budget_entry")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<BudgetEntry, ApiError> {
        self.client.put(&self.route, changes).await
    }

    /// Deletes it.
    #[doc(alias = "remove_budget_entry")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.delete(&self.route).await
    }
}
