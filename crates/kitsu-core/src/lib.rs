//! The sans-IO core of kitsu-rs: what Kitsu's API server (Zou) is, with no I/O.
//!
//! - [`ids`]: typed ids (`ShotId`, `TaskId`…), checked once, when parsed;
//! - [`routes`]: every route kitsu-rs calls, declared once, with typed constructors;
//! - [`zou`]: how Zou words its answers: the message of an error body in any of its three
//!   shapes, and the answer that means "the access token expired".
//!
//! `kitsu-api` (the calls) and `kitsu-session` (login, refresh, logout) both build on it, so a
//! route or a quirk of Zou is written once. It depends on no crate of ours and does no I/O.
#![deny(missing_docs)]

pub mod ids;
pub mod routes;
pub mod zou;
