//! The person routes the mock has beyond generic CRUD: an admin changing someone's password.

use http::StatusCode;
use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::world::World;

/// `POST actions/persons/{id}/change-password`: an admin sets someone's password.
pub(super) fn change_password(
    world: &mut World,
    person: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    if identity.role != "admin" {
        return Reply::forbidden();
    }
    try_reply!(existing(&world.db, "persons", person));
    let body = try_reply!(req.json_object());
    let password = body.get("password").and_then(Value::as_str).unwrap_or("");
    if body.get("password_2").and_then(Value::as_str) != Some(password) {
        return Reply::error(
            StatusCode::BAD_REQUEST,
            "Confirmation password doesn't match.",
        );
    }
    if password.chars().count() < 8 {
        return Reply::error(StatusCode::BAD_REQUEST, "Password is too short.");
    }
    world
        .db
        .accounts
        .entry(person.to_owned())
        .or_default()
        .password = Some(password.to_owned());
    Reply::ok(&json!({"success": true}))
}
