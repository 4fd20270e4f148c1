//! The four verbs: GET, POST, PUT, DELETE, on paths relative to the base URL (as written on
//! the wire after it), typed answers or `serde_json::Value`.

#[path = "common/mod.rs"]
mod common;

use kitsu::models::{Project, Task};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            // GET
            let projects: Vec<Project> = kitsu.get("data/projects").await?;
            let project = projects.first().ok_or_else(|| no("project"))?;
            println!("GET data/projects: {} projects", projects.len());

            // POST: a task from a path needs a real tree; create a sequence instead.
            let sequence: Value = kitsu
                .post(
                    format!("data/projects/{}/sequences", project.id),
                    &json!({"name": "SQ_EXAMPLE"}),
                )
                .await?;
            println!("POST: sequence {} created", sequence["name"]);

            // PUT
            let tasks: Vec<Task> = kitsu.get("data/tasks").await?;
            let task = tasks.first().ok_or_else(|| no("task"))?;
            let updated: Task = kitsu
                .put(format!("data/tasks/{}", task.id), &json!({"priority": 1}))
                .await?;
            println!("PUT: task {} priority {:?}", updated.id, updated.priority);

            // DELETE
            let id = sequence["id"].as_str().unwrap_or_default();
            kitsu.delete(format!("data/sequences/{id}")).await?;
            println!("DELETE: sequence removed");
            Ok(())
        })
        .await
}

fn no(what: &str) -> kitsu::Error {
    kitsu::Error::Api(kitsu::ApiError::InvalidInput {
        what: "data",
        value: what.into(),
        reason: "none on this server",
    })
}
