//! Persons.

use super::*;

model!(
    /// A person.
    Person: PersonId in "persons" {
        /// First name.
        first_name: String,
        /// Last name.
        last_name: Option<String>,
        /// Both names.
        full_name: Option<String>,
        /// Email.
        email: Option<String>,
        /// `admin`, `manager`, `supervisor`, `user`, `client`, `vendor`.
        role: Option<String>,
        /// Whether the person can log in.
        active: Option<bool>,
        /// Whether the person is a bot.
        is_bot: Option<bool>,
    }
);
