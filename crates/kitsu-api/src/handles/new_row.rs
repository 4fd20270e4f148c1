//! [`NewRow`]: the one builder behind every "create with options" call.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{ApiError, Client};

/// A row to create: its route and the fields gathered so far, posted when awaited.
///
/// The handles make them; each kind adds its typed setters, and [`NewRow::field`] sets any other field Zou takes.
#[must_use = "a builder does nothing until awaited"]
pub struct NewRow<T> {
    client: Client,
    route: String,
    fields: Map<String, Value>,
    kind: PhantomData<fn() -> T>,
}

impl<T> NewRow<T> {
    pub(crate) fn new<const N: usize>(
        client: Client,
        route: String,
        fields: [(&str, Value); N],
    ) -> Self {
        NewRow {
            client,
            route,
            fields: fields
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
            kind: PhantomData,
        }
    }

    /// Sets a field by name (one the typed setters do not cover).
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }
}

impl<T> fmt::Debug for NewRow<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewRow")
            .field("route", &self.route)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for NewRow<T> {
    type Output = Result<T, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.post(&self.route, &self.fields).await })
    }
}
