//! [`Case`]: one gazu function, called by gazu and by kitsu-rs with the same inputs, and
//! [`World`]: the inputs, one world per side.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use kitsu::Kitsu;
use kitsu::ids::Id;

/// Any failure of a Rust call or of the harness.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The Rust side of a case: a call on the facade with the side's world.
pub type RustCall = fn(Kitsu, Arc<World>) -> BoxFuture<'static, Result<(), BoxError>>;

/// One gazu function and the two ways of calling it.
pub struct Case {
    /// `module.function`, as the parity table names it.
    pub gazu: &'static str,
    /// A Python expression (or statements) calling gazu, with `gazu` imported and `w` the
    /// side's world (a dict of strings).
    pub python: &'static str,
    /// Our call.
    pub rust: RustCall,
}

/// `case!("shot.get_shot", r#"gazu.shot.get_shot(w["shot"])"#, |k, w| { k.shot(w.id("shot")?).get().await?; })`
macro_rules! case {
    ($gazu:literal, $python:literal, |$k:ident, $w:ident| $body:block $(,)?) => {
        $crate::oracle::case::Case {
            gazu: $gazu,
            python: $python,
            rust: |$k, $w| {
                Box::pin(async move {
                    let _ = &$w;
                    #[allow(unused_variables, clippy::let_unit_value)]
                    let _ = $body;
                    Ok::<(), $crate::oracle::case::BoxError>(())
                })
            },
        }
    };
}
pub(crate) use case;

/// Which client runs a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// gazu 1.3.1, in Python.
    Gazu,
    /// kitsu-rs.
    Rust,
}

impl Side {
    /// Both, in the order they run.
    pub const BOTH: [Side; 2] = [Side::Gazu, Side::Rust];

    /// Its name on the wire and in names of rows (`gazu`, `rust`).
    pub fn name(self) -> &'static str {
        match self {
            Side::Gazu => "gazu",
            Side::Rust => "rust",
        }
    }
}

/// The rows a side's cases work on: names to ids (and names), as strings, the same for the
/// Python side (`w["shot"]`) and the Rust side (`w.id::<ShotId>("shot")?`).
#[derive(Clone, Debug)]
pub struct World {
    side: Side,
    run: String,
    values: BTreeMap<String, String>,
}

impl World {
    /// An empty world of one side of a run.
    pub fn new(side: Side, run: &str) -> World {
        World {
            side,
            run: run.to_owned(),
            values: BTreeMap::new(),
        }
    }

    /// Which side it belongs to.
    pub fn side(&self) -> Side {
        self.side
    }

    /// A name unique to this side and run (`SH010` → `SH010-rust-1a2b`), for rows a case
    /// creates.
    pub fn unique(&self, base: &str) -> String {
        format!("{base}-{}-{}", self.side.name(), self.run)
    }

    /// The string under `key`.
    pub fn get(&self, key: &str) -> Result<&str, String> {
        self.values
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("the oracle's world has no `{key}`"))
    }

    /// The typed id under `key`.
    pub fn id<I: Id>(&self, key: &str) -> Result<I, String> {
        self.get(key)?
            .parse()
            .map_err(|error| format!("world `{key}`: {error}"))
    }

    /// Sets `key`.
    pub fn set(&mut self, key: &str, value: impl ToString) {
        self.values.insert(key.to_owned(), value.to_string());
    }

    /// Every key and value, for the Python side.
    pub fn values(&self) -> &BTreeMap<String, String> {
        &self.values
    }
}
