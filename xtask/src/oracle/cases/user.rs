//! The oracle's cases for gazu's `user` module.

use kitsu::Kitsu;

use crate::oracle::case::{BoxError, Case, World};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(_kitsu: &Kitsu, _world: &mut World) -> Result<(), BoxError> {
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![]
}
