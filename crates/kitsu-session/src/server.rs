//! Questions about the server itself, asked without logging in.

use http::Method;
use kitsu_transport::Transport;
use serde::Deserialize;

use kitsu_core::routes;

use crate::SessionError;
use crate::wire::call;

#[derive(Deserialize)]
struct Root {
    api: String,
    version: String,
}

/// The Zou version behind the base URL (`GET <base>/` answers `{"api":"Zou","version":…}`).
/// An answer from anything but a Zou is [`SessionError::UnexpectedAnswer`].
pub async fn api_version(transport: &Transport) -> Result<String, SessionError> {
    let answer = call(transport, Method::GET, &routes::root(), None, None).await?;
    if !answer.status.is_success() {
        return Err(answer.into_status_error(Method::GET));
    }
    let root: Root = answer.decode()?;
    if root.api != "Zou" {
        return Err(SessionError::UnexpectedAnswer {
            url: answer.url,
            detail: format!("the API is {:?}, not Zou", root.api),
        });
    }
    Ok(root.version)
}

/// Whether anything answers HTTP at the base URL.
pub async fn host_is_up(transport: &Transport) -> bool {
    call(transport, Method::GET, &routes::root(), None, None)
        .await
        .is_ok()
}

/// Whether the base URL answers as a Zou does.
pub async fn host_is_valid(transport: &Transport) -> bool {
    api_version(transport).await.is_ok()
}
