//! Checks what goes into a route, so no user string can change it.

use crate::ApiError;

/// Checks that `id` is a UUID, as every Zou id is.
pub fn check_id(id: &str) -> Result<&str, ApiError> {
    if uuid::Uuid::try_parse(id).is_ok() && id.len() == 36 {
        Ok(id)
    } else {
        Err(ApiError::InvalidInput {
            what: "id",
            value: id.to_owned(),
            reason: "Kitsu ids are UUIDs (8-4-4-4-12 hexadecimal digits)",
        })
    }
}

/// Checks that `model` is a collection name (`projects`, `task-types`).
pub fn check_model(model: &str) -> Result<&str, ApiError> {
    let valid = !model.is_empty()
        && model
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if valid {
        Ok(model)
    } else {
        Err(ApiError::InvalidInput {
            what: "model",
            value: model.to_owned(),
            reason: "a model name is lowercase letters, digits, '-' and '_'",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_uuids() {
        assert!(check_id("7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11").is_ok());
        for bad in [
            "",
            "42",
            "../auth/logout",
            "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11/../x",
            "7b3e5b8c2f5a4d3e9c1a0e6f2b9d4a11",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn models_are_plain_names() {
        assert!(check_model("task-types").is_ok());
        for bad in ["", "Projects", "projects/../auth", "tasks?x=1"] {
            assert!(check_model(bad).is_err(), "{bad}");
        }
    }
}
