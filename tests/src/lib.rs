//! The scenarios of kitsu-rs, written once and run against two backends: the fake Kitsu
//! (`tests/mock.rs`, part of `cargo test --workspace`) and a real Zou (`tests/live.rs`, behind
//! the `live` feature, run by `cargo xtask live`).
//!
//! A scenario panics on a failed check (it is test code) and returns `kitsu::Error` for calls
//! that fail, so a failure names what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

pub mod backend;
pub mod events;
pub mod fixtures;
pub mod proxy;
pub mod scenarios;
pub mod sockets;
pub mod wire;
