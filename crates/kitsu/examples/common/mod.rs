//! What every example shares: where to connect.
//!
//! With `KITSU_HOST` (and `KITSU_EMAIL`, `KITSU_PASSWORD`) set, the examples talk to that
//! Kitsu. Without it, they start an embedded fake Kitsu with demo data.
#![allow(dead_code)]

use kitsu::Kitsu;
use kitsu_mock::MockKitsu;

/// A logged-in client, and the embedded server if one was started (keep it alive).
pub async fn connect() -> Result<(Kitsu, Option<MockKitsu>), kitsu::Error> {
    if let Ok(host) = std::env::var("KITSU_HOST") {
        let email = std::env::var("KITSU_EMAIL").unwrap_or_default();
        let password = std::env::var("KITSU_PASSWORD").unwrap_or_default();
        println!("connecting to {host}");
        return Ok((kitsu::create_session(&host, &email, &password).await?, None));
    }
    let mock = MockKitsu::builder()
        .demo_data()
        .start()
        .await
        .map_err(|error| {
            kitsu::Error::Api(kitsu::ApiError::Io {
                action: "start",
                path: "the embedded mock Kitsu".into(),
                source: error,
            })
        })?;
    println!(
        "no KITSU_HOST set: using an embedded mock Kitsu at {}",
        mock.base_url()
    );
    let kitsu = kitsu::create_session(
        &mock.base_url(),
        kitsu_mock::ADMIN_EMAIL,
        kitsu_mock::ADMIN_PASSWORD,
    )
    .await?;
    Ok((kitsu, Some(mock)))
}
