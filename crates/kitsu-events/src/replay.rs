//! Replaying what a reconnect missed, from Zou's event log, each event once.
//!
//! Live events carry no id and no timestamp (Zou publishes before it stores), so the stream
//! keeps two things:
//! - a **watermark**: the newest stored event when the socket joined (read from
//!   `data/events/last?limit=1` right after joining, with the stream's project filter). Anything
//!   stored later happened while this stream was listening, or while it was away;
//! - a **ledger** of fingerprints (normalised name + payload without `id`) of the live events
//!   received since, and of the events replayed.
//!
//! After a reconnect, every stored event newer than the watermark is fetched (newest first,
//! paged by cursor); those whose fingerprint the ledger holds from live delivery are skipped
//! (one for one, so two identical events are two), the rest are handed out oldest first as
//! [`Origin::Replayed`](crate::Origin::Replayed), and a live copy of a replayed event arriving
//! late on the new socket is dropped. The newest fetched event becomes the watermark.

use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

use kitsu_api::{ApiError, Client, Query};
use kitsu_core::ids::ProjectId;
use kitsu_core::routes;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::names::normalise;

/// Zou's largest page of the event log.
const PAGE: usize = 1000;

/// The most events one replay reads (then the oldest are dropped, with a warning).
const MAX_REPLAY: usize = 50_000;

/// How many fingerprints the ledger remembers, each kind.
const LEDGER_SIZE: usize = 8192;

/// One stored event, as `data/events/last` returns it.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct StoredEvent {
    pub(crate) id: Uuid,
    pub(crate) created_at: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) data: Value,
}

/// The newest stored event when the stream last knew it was complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Watermark {
    pub(crate) id: Uuid,
    pub(crate) created_at: String,
}

/// A fingerprint of an event: its normalised name and its payload without `id` (the stored
/// copy's data may carry the event id that the live copy lacks).
pub(crate) fn fingerprint(name: &str, payload: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    normalise(name).hash(&mut hasher);
    match payload {
        Value::Object(fields) => {
            // serde_json's map is sorted: the text is canonical.
            for (key, value) in fields.iter().filter(|(key, _)| key.as_str() != "id") {
                key.hash(&mut hasher);
                value.to_string().hash(&mut hasher);
            }
        }
        other => other.to_string().hash(&mut hasher),
    }
    hasher.finish()
}

/// A bounded multiset of fingerprints.
#[derive(Debug, Default)]
struct Bag {
    order: VecDeque<u64>,
    counts: HashMap<u64, u32>,
}

impl Bag {
    fn add(&mut self, print: u64) {
        if self.order.len() == LEDGER_SIZE {
            if let Some(oldest) = self.order.pop_front() {
                self.take(oldest);
            }
        }
        self.order.push_back(print);
        *self.counts.entry(print).or_default() += 1;
    }

    /// Removes one occurrence; says whether there was one.
    fn take(&mut self, print: u64) -> bool {
        match self.counts.get_mut(&print) {
            Some(count) => {
                *count -= 1;
                if *count == 0 {
                    self.counts.remove(&print);
                }
                true
            }
            None => false,
        }
    }

    fn clear(&mut self) {
        self.order.clear();
        self.counts.clear();
    }
}

/// What the stream saw live and what it replayed.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    live: Bag,
    replayed: Bag,
}

impl Ledger {
    /// Records a live event; `false` if it is the late live copy of an event already replayed
    /// (drop it).
    pub(crate) fn saw_live(&mut self, print: u64) -> bool {
        if self.replayed.take(print) {
            return false;
        }
        self.live.add(print);
        true
    }

    /// From the stored events newer than `watermark` (newest first, as fetched), the ones to
    /// replay, oldest first; and the new watermark.
    pub(crate) fn plan(
        &mut self,
        fetched: Vec<StoredEvent>,
        watermark: Option<&Watermark>,
    ) -> (Vec<StoredEvent>, Option<Watermark>) {
        let newest = fetched.first().map(|event| Watermark {
            id: event.id,
            created_at: event.created_at.clone(),
        });
        let mut missed: Vec<StoredEvent> = fetched
            .into_iter()
            .take_while(|event| watermark.is_none_or(|mark| event.id != mark.id))
            .filter(|event| !self.live.take(fingerprint(&event.name, &event.data)))
            .collect();
        missed.reverse();
        // What was delivered live before the watermark moves cannot be in a later replay.
        self.live.clear();
        for event in &missed {
            self.replayed.add(fingerprint(&event.name, &event.data));
        }
        (missed, newest.or_else(|| watermark.cloned()))
    }
}

/// The query for the event log, with the one project the server can filter on.
fn log_query(project: Option<ProjectId>) -> Query {
    match project {
        Some(project) => Query::new().param("project_id", project.to_string()),
        None => Query::new(),
    }
}

/// The newest stored event now (the watermark after joining).
pub(crate) async fn newest(
    client: &Client,
    project: Option<ProjectId>,
) -> Result<Option<Watermark>, ApiError> {
    let query = log_query(project).param("limit", "1");
    let page: Vec<StoredEvent> = client
        .get(format!("{}?{}", routes::last_events(), query.encoded()))
        .await?;
    Ok(page.into_iter().next().map(|event| Watermark {
        id: event.id,
        created_at: event.created_at,
    }))
}

/// Every stored event newer than `watermark` (all of them when there is none), newest first,
/// down to and including the watermark itself when the server returns it.
pub(crate) async fn since(
    client: &Client,
    watermark: Option<&Watermark>,
    project: Option<ProjectId>,
) -> Result<Vec<StoredEvent>, ApiError> {
    let mut events: Vec<StoredEvent> = Vec::new();
    loop {
        let mut query = log_query(project).param("limit", PAGE.to_string());
        if let Some(mark) = watermark {
            query = query.param("after", mark.created_at.clone());
        }
        if let Some(last) = events.last() {
            query = query.param("cursor_event_id", last.id.to_string());
        }
        let page: Vec<StoredEvent> = client
            .get(format!("{}?{}", routes::last_events(), query.encoded()))
            .await?;
        let full = page.len() == PAGE;
        let reached = watermark.is_some_and(|mark| page.iter().any(|e| e.id == mark.id));
        events.extend(page);
        if !full || reached {
            return Ok(events);
        }
        if events.len() >= MAX_REPLAY {
            tracing::warn!(
                read = events.len(),
                "the event log holds more missed events than one replay reads; the oldest are skipped"
            );
            return Ok(events);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn stored(id: u128, name: &str, data: Value) -> StoredEvent {
        StoredEvent {
            id: Uuid::from_u128(id),
            created_at: "2026-11-25T13:31:23".into(),
            name: name.into(),
            data,
        }
    }

    #[test]
    fn the_fingerprint_ignores_the_event_id_and_dash_spelling() {
        let live = json!({"task_id": "t", "project_id": "p"});
        let kept = json!({"project_id": "p", "task_id": "t", "id": "e"});
        assert_eq!(
            fingerprint("task:update", &live),
            fingerprint("task_update".replace('_', ":").as_str(), &kept)
        );
        assert_ne!(
            fingerprint("task:update", &live),
            fingerprint("task:update", &json!({"task_id": "u"}))
        );
    }

    #[test]
    fn only_what_was_not_seen_live_is_replayed_oldest_first() {
        let mut ledger = Ledger::default();
        let mark = Watermark {
            id: Uuid::from_u128(1),
            created_at: "x".into(),
        };
        assert!(ledger.saw_live(fingerprint("task:update", &json!({"task_id": "a"}))));
        // Newest first, as the log answers; the watermark and one older event of its second.
        let fetched = vec![
            stored(5, "shot:new", json!({"shot_id": "s"})),
            stored(4, "task:update", json!({"task_id": "b"})),
            stored(3, "task:update", json!({"task_id": "a"})),
            stored(1, "project:update", json!({})),
            stored(0, "project:new", json!({})),
        ];
        let (missed, next) = ledger.plan(fetched, Some(&mark));
        let ids: Vec<u128> = missed.iter().map(|e| e.id.as_u128()).collect();
        assert_eq!(ids, [4, 5]);
        assert_eq!(next.unwrap().id, Uuid::from_u128(5));
        // The live copy of a replayed event, arriving late, is dropped once.
        let late = fingerprint("shot:new", &json!({"shot_id": "s"}));
        assert!(!ledger.saw_live(late));
        assert!(ledger.saw_live(late));
    }

    #[test]
    fn two_identical_events_count_as_two() {
        let mut ledger = Ledger::default();
        let print = fingerprint("task:update", &json!({"task_id": "a"}));
        assert!(ledger.saw_live(print));
        let fetched = vec![
            stored(3, "task:update", json!({"task_id": "a"})),
            stored(2, "task:update", json!({"task_id": "a"})),
        ];
        let (missed, _) = ledger.plan(fetched, None);
        assert_eq!(missed.len(), 1);
    }
}
