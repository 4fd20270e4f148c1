//! [`Resource`]: a model kept in one of Zou's `data/<collection>` tables.

use kitsu_core::ids::Id;
use serde::de::DeserializeOwned;

/// A model stored in one of Zou's `data/<collection>` tables: what the generic CRUD handle
/// ([`Collection`](crate::Collection)) needs to know about it.
///
/// Every model of [`models`](crate::models) implements it; implement it for your own model of
/// a collection (a studio's custom fields decoded into your own struct):
///
/// ```
/// use kitsu_api::{Resource, ids::PersonId};
///
/// #[derive(serde::Deserialize)]
/// struct Artist { id: PersonId, first_name: String, desktop_login: Option<String> }
///
/// impl Resource for Artist {
///     const COLLECTION: &'static str = "persons";
///     type Id = PersonId;
/// }
/// ```
pub trait Resource: DeserializeOwned + Send + 'static {
    /// The collection's name in `data/<collection>` (`projects`, `task-types`).
    const COLLECTION: &'static str;
    /// The kind of id its rows have.
    type Id: Id;
}
