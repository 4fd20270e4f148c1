//! What the tests of the domain handles share: a client logged in to a fake Kitsu as its admin.

use kitsu_api::Client;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{Credentials, Session};
use kitsu_transport::Transport;

/// A client of `kitsu`, logged in as the admin (no logout: the mock dies with the test).
pub async fn admin_client(kitsu: &MockKitsu) -> Client {
    let transport = Transport::builder(kitsu.base_url())
        .build()
        .expect("the mock's URL is valid");
    let session = Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD))
        .await
        .expect("the admin logs in");
    let client = Client::new(session.transport().clone());
    std::mem::forget(session);
    client
}
