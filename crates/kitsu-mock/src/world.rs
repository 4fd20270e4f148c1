//! Everything the fake server knows, behind one lock.

use crate::auth::{AuthConfig, Tokens};
use crate::store::Db;

/// The database, the issued tokens and the auth settings.
pub(crate) struct World {
    pub(crate) db: Db,
    pub(crate) tokens: Tokens,
    pub(crate) auth: AuthConfig,
}
