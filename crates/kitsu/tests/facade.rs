//! The facade's way in, end to end on the fake Kitsu.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kitsu::prelude::*;
use kitsu::transport::http::Method;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};

#[tokio::test]
async fn create_session_then_scoped_work_logs_out() {
    let kitsu_server = MockKitsu::builder().demo_data().start().await.unwrap();
    let kitsu = kitsu::create_session(&kitsu_server.base_url(), ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap();
    let shots = kitsu
        .clone()
        .scoped(|kitsu| async move {
            let projects: Vec<Project> = kitsu.open_projects().await?;
            Ok(kitsu.shots_of_project(&projects[0].id).await?)
        })
        .await
        .unwrap();
    assert_eq!(shots.len(), 10);
    assert_eq!(kitsu_server.count(Method::GET, "auth/logout"), 1);
    assert!(!kitsu.session().is_logged_in());
}

#[tokio::test]
async fn errors_say_what_went_wrong() {
    let kitsu_server = MockKitsu::start().await.unwrap();
    let error = kitsu::create_session(&kitsu_server.base_url(), ADMIN_EMAIL, "wrong")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            kitsu::Error::Session(SessionError::WrongCredentials { .. })
        ),
        "{error:?}"
    );
    let error = kitsu::create_session("kitsu.mystudio.com/api", ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("invalid base URL `kitsu.mystudio.com/api`: it has no scheme"),
        "{error}"
    );
}
