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
            let projects: Vec<Project> = kitsu.projects().open().await?;
            Ok::<_, kitsu::Error>(kitsu.project(projects[0].id).shots().await?)
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

/// A caller's own error type: anything a `kitsu::Error` converts into.
#[derive(Debug)]
enum PipelineError {
    Kitsu(kitsu::Error),
    NoShots,
}

impl From<kitsu::Error> for PipelineError {
    fn from(error: kitsu::Error) -> Self {
        PipelineError::Kitsu(error)
    }
}

impl From<ApiError> for PipelineError {
    fn from(error: ApiError) -> Self {
        PipelineError::Kitsu(error.into())
    }
}

#[tokio::test]
async fn scoped_takes_the_callers_error_type_and_logs_out_when_cancelled() {
    let kitsu_server = MockKitsu::builder().demo_data().start().await.unwrap();
    let base_url = kitsu_server.base_url();
    let login = || kitsu::create_session(&base_url, ADMIN_EMAIL, ADMIN_PASSWORD);

    let error = login()
        .await
        .unwrap()
        .scoped(|kitsu| async move {
            let projects = kitsu.projects().open().await?;
            let shots = kitsu.project(projects[0].id).shots().await?;
            if shots.len() < 1000 {
                return Err(PipelineError::NoShots);
            }
            Ok(shots)
        })
        .await
        .unwrap_err();
    assert!(matches!(error, PipelineError::NoShots), "{error:?}");
    assert_eq!(kitsu_server.count(Method::GET, "auth/logout"), 1);

    let kitsu = login().await.unwrap();
    let watched = kitsu.clone();
    let timed_out = tokio::time::timeout(
        std::time::Duration::from_millis(50),
        kitsu.scoped(
            |_kitsu| async move { std::future::pending::<Result<(), PipelineError>>().await },
        ),
    )
    .await;
    assert!(timed_out.is_err());
    for _ in 0..500 {
        if kitsu_server.count(Method::GET, "auth/logout") == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(kitsu_server.count(Method::GET, "auth/logout"), 2);
    assert!(!watched.session().is_logged_in());

    let missing: kitsu::ids::ProjectId = "00000000-0000-4000-8000-000000000000".parse().unwrap();
    let error = login()
        .await
        .unwrap()
        .scoped(|kitsu| async move { Ok::<_, PipelineError>(kitsu.project(missing).get().await?) })
        .await
        .unwrap_err();
    match error {
        PipelineError::Kitsu(kitsu::Error::Api(ApiError::RouteNotFound(_))) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(kitsu_server.count(Method::GET, "auth/logout"), 3);
}
