//! `GET data/events/last`: the stored event log, newest first, with Zou's filters.

use http::StatusCode;
use serde_json::Value;

use super::EventHub;
use crate::auth::Identity;
use crate::reply::{Reply, Req, is_uuid, try_reply};

/// Zou's filters: `after`/`before` (dates, strict), `cursor_event_id` (older than it), `limit`
/// (≤ 1000, default 100), `project_id`, `name`, `name_prefixes`, `name_suffixes`; managers only.
pub(crate) fn last_events(hub: &EventHub, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    let bad = |message: &str| Reply::error(StatusCode::BAD_REQUEST, message);
    let limit = match req.param("limit").map(str::parse::<usize>) {
        None => 100,
        Some(Ok(limit)) => limit.min(1000),
        Some(Err(_)) => return bad("The limit parameter must be an integer."),
    };
    if let Some(project) = req.param("project_id") {
        if !is_uuid(project) {
            return bad("The project_id parameter is not a valid id");
        }
    }
    let events = hub.newest_first();
    let mut start = 0;
    if let Some(cursor) = req.param("cursor_event_id") {
        match events.iter().position(|e| e.id == cursor) {
            Some(index) => start = index + 1,
            None => return bad(&format!("No event found with id: {cursor}")),
        }
    }
    let after = req.param("after");
    let before = req.param("before");
    let name = req.param("name");
    // Repeated parameters: `name_prefixes=task&name_prefixes=comment`.
    let every = |key: &str| -> Vec<&str> {
        req.query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let prefixes = every("name_prefixes");
    let suffixes = every("name_suffixes");
    let listed: Vec<Value> = events[start..]
        .iter()
        // Stored timestamps are whole seconds here; Zou's keep microseconds and compare a
        // whole-second `after` as the start of that second: the same second passes.
        .filter(|e| after.is_none_or(|after| e.created_at.as_str() >= after))
        .filter(|e| before.is_none_or(|before| e.created_at.as_str() < before))
        .filter(|e| {
            req.param("project_id")
                .is_none_or(|p| e.project_id.as_deref() == Some(p))
        })
        .filter(|e| name.is_none_or(|n| e.name == n))
        .filter(|e| {
            prefixes.is_empty()
                || prefixes
                    .iter()
                    .any(|p| e.name.starts_with(&format!("{p}:")))
        })
        .filter(|e| {
            suffixes.is_empty() || suffixes.iter().any(|s| e.name.ends_with(&format!(":{s}")))
        })
        .take(limit)
        .map(|e| e.to_json())
        .collect();
    Reply::ok(&Value::Array(listed))
}
