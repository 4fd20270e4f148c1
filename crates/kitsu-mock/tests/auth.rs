//! Authentication and permissions: token answers as flask-jwt-extended gives them, login
//! failures and lockout, refresh, logout, expiry, bot tokens, and what an artist may do.
//!
//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use serde_json::json;
use support::{Raw, admin};

#[tokio::test]
async fn token_answers_match_flask_jwt_extended() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = Raw::new(&kitsu);
    let (status, body) = raw.get("data/projects").await;
    assert_eq!(status, 401);
    assert!(
        body["msg"]
            .as_str()
            .unwrap()
            .contains("Missing Authorization Header")
    );
    let (status, body) = raw.get_with("data/projects", "Token abc").await;
    assert_eq!(status, 401);
    assert!(
        body["msg"]
            .as_str()
            .unwrap()
            .contains("Missing 'Bearer' type")
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer ").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer garbage").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Not enough segments"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer a.b.c").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Signature verification failed"})
        )
    );
}

#[tokio::test]
async fn login_failures_carry_zous_bodies_and_lock_after_five() {
    let kitsu = MockKitsu::builder()
        .lockout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&kitsu);
    let wrong = json!({"login": false, "message": "Wrong email or password."});
    assert_eq!(
        raw.json(
            Method::POST,
            "auth/login",
            json!({"email": "nobody@example.com", "password": "x"})
        )
        .await,
        (StatusCode::BAD_REQUEST, wrong.clone())
    );
    let (status, body) = raw.json(Method::POST, "auth/login", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["data"]["errors"][0],
        json!({"field": "email", "message": "Field required"})
    );
    for _ in 0..5 {
        assert_eq!(
            raw.json(
                Method::POST,
                "auth/login",
                json!({"email": ADMIN_EMAIL, "password": "bad"})
            )
            .await,
            (StatusCode::BAD_REQUEST, wrong.clone())
        );
    }
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(status, 400, "locked even with the right password");
    assert_eq!(body["too_many_failed_login_attemps"], json!(true));
    tokio::time::sleep(Duration::from_millis(350)).await;
    let form = Bytes::from(format!(
        "email={}&password={}",
        ADMIN_EMAIL.replace('@', "%40"),
        ADMIN_PASSWORD
    ));
    let (status, body) = raw
        .send(
            Method::POST,
            "auth/login",
            Some("application/x-www-form-urlencoded"),
            form,
            None,
        )
        .await;
    assert_eq!(status, 200, "form-encoded login after the lockout: {body}");
    assert_eq!(body["login"], json!(true));
    assert_eq!(body["user"]["email"], json!(ADMIN_EMAIL));
    assert!(body["user"].get("password").is_none());
    assert_eq!(body["organisation"]["type"], json!("Organisation"));
}

#[tokio::test]
async fn inactive_and_default_password_users() {
    let kitsu = MockKitsu::builder()
        .seed(|seed| {
            let gone = seed.person("Gone", "Away", "gone@example.com", "password1", "user");
            seed.deactivate(&gone);
            seed.person("New", "Hire", "new@example.com", "default", "user");
        })
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&kitsu);
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": "gone@example.com", "password": "password1"}),
        )
        .await;
    assert_eq!(
        (status, body["unactive"].clone()),
        (StatusCode::UNAUTHORIZED, json!(true))
    );
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": "new@example.com", "password": "default"}),
        )
        .await;
    assert_eq!(
        (status, body["default_password"].clone()),
        (StatusCode::BAD_REQUEST, json!(true))
    );
}

#[tokio::test]
async fn refresh_logout_and_expiry() {
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let mut raw = Raw::new(&kitsu);
    let login = raw.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let access = format!("Bearer {}", login["access_token"].as_str().unwrap());
    let refresh = format!("Bearer {}", login["refresh_token"].as_str().unwrap());
    assert_eq!(raw.get("data/projects").await.0, 200);
    assert_eq!(
        raw.get_with("auth/refresh-token", &access).await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Only refresh tokens are allowed"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", &refresh).await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Only non-refresh tokens are allowed"})
        )
    );
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(
        raw.get("data/projects").await,
        (
            StatusCode::UNAUTHORIZED,
            json!({"error": true, "message": "Signature has expired"})
        )
    );
    let (status, body) = raw.get_with("auth/refresh-token", &refresh).await;
    assert_eq!(status, 200);
    let fresh = format!("Bearer {}", body["access_token"].as_str().unwrap());
    assert_eq!(raw.get_with("data/projects", &fresh).await.0, 200);
    assert_eq!(
        raw.get_with("auth/logout", &fresh).await,
        (StatusCode::OK, json!({"logout": true}))
    );
    let revoked = (
        StatusCode::UNAUTHORIZED,
        json!({"msg": "Token has been revoked"}),
    );
    assert_eq!(raw.get_with("data/projects", &fresh).await, revoked);
    assert_eq!(raw.get_with("auth/refresh-token", &refresh).await, revoked);
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 3);
}

#[tokio::test]
async fn expiry_can_answer_422_and_be_forced() {
    let kitsu = MockKitsu::builder()
        .expired_token_status(StatusCode::UNPROCESSABLE_ENTITY)
        .start()
        .await
        .unwrap();
    let raw = admin(&kitsu).await;
    assert_eq!(
        raw.get("auth/authenticated").await.1["authenticated"],
        json!(true)
    );
    kitsu.expire_all_tokens();
    assert_eq!(
        raw.get("data/projects").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"message": "Signature has expired"})
        )
    );
}

#[tokio::test]
async fn bot_tokens_never_expire_and_cannot_log_out() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (status, bot) = raw
        .json(
            Method::POST,
            "data/persons",
            json!({"first_name": "ci-bot", "last_name": "", "is_bot": true, "role": "admin"}),
        )
        .await;
    assert_eq!(status, 201);
    let token = format!("Bearer {}", bot["access_token"].as_str().unwrap());
    kitsu.expire_all_tokens();
    assert_eq!(raw.get_with("data/projects", &token).await.0, 200);
    assert_eq!(raw.get_with("auth/logout", &token).await.0, 403);
}

#[tokio::test]
async fn artists_are_refused_writes_and_see_only_their_work() {
    let kitsu = MockKitsu::builder()
        .demo_data()
        .seed(|seed| {
            seed.person("Ann", "Artist", "ann@example.com", "password1", "user");
        })
        .start()
        .await
        .unwrap();
    let mut raw = Raw::new(&kitsu);
    raw.login("ann@example.com", "password1").await;
    assert_eq!(raw.get("data/tasks").await, (StatusCode::OK, json!([])));
    let (status, body) = raw
        .json(Method::POST, "data/projects", json!({"name": "Mine"}))
        .await;
    assert_eq!(status, 403);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("You don't have the permission")
    );
}
