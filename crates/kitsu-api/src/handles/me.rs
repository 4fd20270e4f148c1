//! [`Me`]: the logged-in user.

use kitsu_core::routes;
use serde::Deserialize;

use crate::models::Person;
use crate::{ApiError, Client};

/// The logged-in user (`client.me()`).
#[derive(Clone, Debug)]
pub struct Me {
    client: Client,
}

impl Me {
    pub(crate) fn new(client: Client) -> Self {
        Me { client }
    }

    /// Who the token belongs to (`GET auth/authenticated`).
    #[doc(alias = "get_current_user")]
    pub async fn person(&self) -> Result<Person, ApiError> {
        #[derive(Deserialize)]
        struct Authenticated {
            user: Person,
        }
        let answer: Authenticated = self.client.get(routes::authenticated()).await?;
        Ok(answer.user)
    }
}
