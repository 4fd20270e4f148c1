//! Every route template the client's helpers call, for contract checks against a server's
//! OpenAPI description (`{…}` marks a path parameter).

/// The routes of `kitsu-api`'s helpers and `kitsu-session`'s requests, without the base URL.
pub const ROUTES: &[&str] = &[
    "/auth/login",
    "/auth/logout",
    "/auth/refresh-token",
    "/auth/authenticated",
    "/data/projects",
    "/data/projects/open",
    "/data/projects/{id}",
    "/data/projects/{id}/sequences",
    "/data/projects/{id}/shots",
    "/data/projects/{id}/assets",
    "/data/projects/{id}/settings/task-types",
    "/data/projects/{id}/asset-types/{id}/assets/new",
    "/data/project-status",
    "/data/task-types",
    "/data/task-status",
    "/data/asset-types",
    "/data/entity-types",
    "/data/entity-types/{id}",
    "/data/shots",
    "/data/shots/{id}",
    "/data/shots/{id}/tasks",
    "/data/sequences/{id}",
    "/data/assets/{id}",
    "/data/tasks",
    "/data/tasks/{id}",
    "/data/persons",
    "/data/persons/{id}",
    "/data/preview-files",
    "/actions/projects/{id}/task-types/{id}/shots/create-tasks",
    "/actions/tasks/{id}/comment",
    "/actions/tasks/{id}/comments/{id}/add-preview",
    "/actions/persons/{id}/change-password",
    "/pictures/preview-files/{id}",
    "/pictures/originals/preview-files/{id}.{id}",
    "/movies/originals/preview-files/{id}.mp4",
    "/pictures/thumbnails/projects/{id}",
    "/pictures/thumbnails/projects/{id}.png",
];

/// A route template with every parameter written `{}`, for comparing templates whatever their
/// parameter names.
pub fn normalise(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_parameter = false;
    for c in template.chars() {
        match c {
            '{' | '<' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' | '>' => in_parameter = false,
            _ if !in_parameter => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn parameters_are_anonymous() {
        assert_eq!(
            normalise("/data/projects/{project_id}/shots"),
            "/data/projects/{}/shots"
        );
        assert_eq!(
            normalise("/pictures/originals/preview-files/<instance_id>.<extension>"),
            "/pictures/originals/preview-files/{}.{}"
        );
        assert_eq!(normalise("/data/projects/"), "/data/projects");
    }
}
