//! Query parameters.

/// Query parameters for a call: filters (`project_id=…`), `fields`, `relations`, paging.
///
/// ```
/// use kitsu_api::Query;
/// let query = Query::new().param("project_id", "b35b7fb5-df86-5776-b181-68564193d36").fields(["id", "name"]);
/// assert_eq!(query.encoded(), "project_id=b35b7fb5-df86-5776-b181-68564193d36&fields=id%2Cname");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query::default()
    }

    /// Adds `name=value` (encoded when sent).
    pub fn param(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.pairs.push((name.into(), value.to_string()));
        self
    }

    /// Asks for these fields only (`fields=id,name`).
    pub fn fields<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        let list: Vec<String> = fields.into_iter().map(|f| f.as_ref().to_owned()).collect();
        self.param("fields", list.join(","))
    }

    /// Asks for (or leaves out) relation id lists (`relations=true`).
    pub fn relations(self, relations: bool) -> Self {
        self.param("relations", relations)
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The parameters, percent-encoded, without the `?`.
    pub fn encoded(&self) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.pairs {
            serializer.append_pair(name, value);
        }
        serializer.finish()
    }

    /// `path` with these parameters appended.
    pub(crate) fn append_to(&self, path: &str) -> String {
        if self.is_empty() {
            return path.to_owned();
        }
        let separator = if path.contains('?') { '&' } else { '?' };
        format!("{path}{separator}{}", self.encoded())
    }
}

impl<K: Into<String>, V: ToString> FromIterator<(K, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Query {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.to_string()))
                .collect(),
        }
    }
}
