//! What the episode, sequence, shot, scene, edit and concept handles share: gazu's
//! `update_*` (a `PUT data/entities/<id>` with the id in the body), `update_*_data` (read,
//! merge, write), lists sorted by name as gazu sorts them, and the web UI's root URL.

use http::Method;
use kitsu_core::ids::Uuid;
use kitsu_core::routes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{ApiError, Client, Query};

/// `PUT data/entities/<id>` with `changes` (an object), the row's id added as gazu sends it.
pub(crate) async fn update_entity<T: DeserializeOwned>(
    client: &Client,
    id: Uuid,
    changes: &(impl Serialize + ?Sized),
) -> Result<T, ApiError> {
    let route = routes::collection_item("entities", id);
    let mut body = to_json(client, Method::PUT, &route, changes)?;
    if let Value::Object(fields) = &mut body {
        fields
            .entry("id")
            .or_insert_with(|| Value::from(id.hyphenated().to_string()));
    }
    client.put(route, &body).await
}

/// `value` as JSON, or the [`ApiError::Encode`] of the request it was for.
pub(crate) fn to_json(
    client: &Client,
    method: Method,
    route: &str,
    value: &(impl Serialize + ?Sized),
) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|error| ApiError::Encode {
        url: client.url(route, &Query::new()).unwrap_or_default(),
        method,
        message: error.to_string(),
    })
}

/// gazu's `update_*_data`: reads the row at `route`, merges `data` (an object) into its free
/// `data` (keys not given are kept), and writes it back through `data/entities/<id>`.
pub(crate) async fn update_entity_data<T: DeserializeOwned>(
    client: &Client,
    route: String,
    id: Uuid,
    data: &(impl Serialize + ?Sized),
) -> Result<T, ApiError> {
    let changes = to_json(
        client,
        Method::PUT,
        &routes::collection_item("entities", id),
        data,
    )?;
    let current: Value = client.get(route).await?;
    let merged = merge_data(current.get("data"), changes);
    let id_text = current
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(|| id.hyphenated().to_string(), str::to_owned);
    update_entity(
        client,
        id,
        &serde_json::json!({ "id": id_text, "data": merged }),
    )
    .await
}

/// `changes`'s keys over `current`'s (a missing or null `current` is empty).
pub(crate) fn merge_data(current: Option<&Value>, changes: Value) -> Value {
    let mut merged = match current {
        Some(Value::Object(current)) => current.clone(),
        _ => Map::new(),
    };
    if let Value::Object(changes) = changes {
        merged.extend(changes);
    }
    Value::Object(merged)
}

/// Sorts rows by name, ignoring case, as gazu's `sort_by_name`.
pub(crate) fn by_name<T>(mut rows: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<T> {
    rows.sort_by_cached_key(|row| name(row).to_lowercase());
    rows
}

/// The web UI's root: the base URL without its `/api` (gazu's `get_api_url_from_host`).
pub(crate) fn web_root(client: &Client) -> String {
    let base = client.transport().base_url();
    let prefix = base.prefix();
    let prefix = prefix.strip_suffix("/api").unwrap_or(prefix);
    format!("{}://{}{}", base.scheme(), base.authority(), prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_data_keys() {
        assert_eq!(
            merge_data(Some(&json!({"a": 1, "b": 2})), json!({"b": 3, "c": 4})),
            json!({"a": 1, "b": 3, "c": 4})
        );
        assert_eq!(
            merge_data(Some(&Value::Null), json!({"c": 4})),
            json!({"c": 4})
        );
        assert_eq!(merge_data(None, json!(null)), json!({}));
    }

    #[test]
    fn sorts_like_gazu() {
        let sorted = by_name(vec!["sh020", "SH010", "Sh005"], |name| name);
        assert_eq!(sorted, ["Sh005", "SH010", "sh020"]);
    }

    #[test]
    fn the_web_root_drops_api() {
        for (base, root) in [
            ("https://kitsu.studio.com/api", "https://kitsu.studio.com"),
            ("https://kitsu.studio.com/api/", "https://kitsu.studio.com"),
            ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
            ("https://studio.com/kitsu/api", "https://studio.com/kitsu"),
        ] {
            let client = Client::new(kitsu_transport::Transport::new(base).unwrap());
            assert_eq!(web_root(&client), root, "{base}");
        }
    }
}
