//! Managing the client by hand: build the transport, log in, work, log out.

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use kitsu::{Credentials, Kitsu, RetryConfig, Transport};

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    // Only to know where the server is: the embedded mock, or KITSU_HOST.
    let (probe, mock) = common::connect().await?;
    let host = probe.client().transport().base_url().to_string();
    probe.close().await?;
    let (email, password) = match &mock {
        Some(_) => (
            kitsu_mock::ADMIN_EMAIL.to_owned(),
            kitsu_mock::ADMIN_PASSWORD.to_owned(),
        ),
        None => (
            std::env::var("KITSU_EMAIL").unwrap_or_default(),
            std::env::var("KITSU_PASSWORD").unwrap_or_default(),
        ),
    };

    let transport = Transport::builder(&host)
        .max_in_flight(8)
        .rate_limit(50, 10)
        .attempt_timeout(Some(Duration::from_secs(30)))
        .retry(RetryConfig::default().max_attempts(5))
        .build()?;
    println!("Zou {} at {host}", kitsu::api_version(&transport).await?);
    let kitsu = Kitsu::log_in(transport, Credentials::new(email, password)).await?;
    let me = kitsu.session().authenticated_user().await?;
    let me_again = kitsu.me().person().await?;
    assert_eq!(me.id, me_again.id);
    println!(
        "logged in as {}",
        me.full_name.unwrap_or_else(|| me.id.to_string())
    );
    let tokens = kitsu.session().tokens();
    println!("tokens to save for next time: {tokens:?}");
    kitsu.close().await?;
    println!("logged out");
    Ok(())
}
