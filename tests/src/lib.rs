//! Cross-crate tests of kitsu-rs live under `tests/tests/`.
