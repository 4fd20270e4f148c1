//! Persons.

use super::fields::{opt_date, or_default};
use super::*;

use chrono::NaiveDate;
use kitsu_core::ids::{DepartmentId, StudioId};

model!(
    /// A person: a member of the studio, a client, a vendor or a bot (`data/persons`).
    ///
    /// Zou never sends the secrets (password, two-factor secrets, SSO identities, lockout
    /// state); if a Zou does, they land in `other`.
    Person: PersonId in "persons" {
        /// First name.
        first_name: String,
        /// Last name.
        last_name: Option<String>,
        /// Both names.
        full_name: Option<String>,
        /// Email.
        email: Option<String>,
        /// Phone number.
        phone: Option<String>,
        /// Country (ISO 3166-1 alpha-2, `FR`).
        country: Option<String>,
        /// `open-ended`, `fixed-term`, `short-term`, `freelance`, `apprentice`, `internship`.
        contract_type: Option<String>,
        /// `admin`, `manager`, `supervisor`, `user`, `client`, `vendor`.
        role: Option<String>,
        /// `supervisor`, `lead` or `artist`.
        position: Option<String>,
        /// `senior`, `mid` or `junior`.
        seniority: Option<String>,
        /// Daily salary, in the studio's currency.
        daily_salary: Option<i64>,
        /// Whether the person can log in.
        active: Option<bool>,
        /// Whether the person is archived (gone from the studio).
        archived: Option<bool>,
        /// The last day the person was seen.
        last_presence: Option<NaiveDate> => opt_date,
        /// The login on the person's workstation.
        desktop_login: Option<String>,
        /// Whether TOTP two-factor authentication is on.
        totp_enabled: Option<bool>,
        /// Whether email two-factor authentication is on.
        email_otp_enabled: Option<bool>,
        /// Whether FIDO two-factor authentication is on.
        fido_enabled: Option<bool>,
        /// `totp`, `email_otp` or `fido`.
        preferred_two_factor_authentication: Option<String>,
        /// Its id in ShotGrid, for migrated studios.
        shotgun_id: Option<i64>,
        /// Time zone (`Europe/Paris`).
        timezone: Option<String>,
        /// Locale (`en_US`).
        locale: Option<String>,
        /// Whether times show on a 12-hour clock.
        use_12_hour_clock: Option<bool>,
        /// `YYYY-MM-DD`, `DD/MM/YYYY` or `MM/DD/YYYY`.
        display_date_format: Option<String>,
        /// Free data.
        data: Option<Value>,
        /// Whether the person has an avatar picture.
        has_avatar: Option<bool>,
        /// Whether email notifications are on.
        notifications_enabled: Option<bool>,
        /// Whether Slack notifications are on.
        notifications_slack_enabled: Option<bool>,
        /// The person's Slack user id.
        notifications_slack_userid: Option<String>,
        /// Whether Mattermost notifications are on.
        notifications_mattermost_enabled: Option<bool>,
        /// The person's Mattermost user id.
        notifications_mattermost_userid: Option<String>,
        /// Whether Discord notifications are on.
        notifications_discord_enabled: Option<bool>,
        /// The person's Discord user id.
        notifications_discord_userid: Option<String>,
        /// Whether the person is a bot (an API token).
        is_bot: Option<bool>,
        /// Whether the person is a guest of a preview project.
        is_guest: Option<bool>,
        /// The project a guest previews.
        preview_project_id: Option<ProjectId> => opt_id,
        /// When the guest's preview opened.
        preview_opened_at: Option<NaiveDateTime> => opt_datetime,
        /// Until when the guest's preview is open.
        preview_open_until: Option<NaiveDateTime> => opt_datetime,
        /// The day a bot's token expires.
        expiration_date: Option<NaiveDate> => opt_date,
        /// Whether the person came from the LDAP directory.
        is_generated_from_ldap: Option<bool>,
        /// The person's LDAP uid.
        ldap_uid: Option<String>,
        /// The person's departments (on one person, or lists with `relations=true`).
        departments: Vec<DepartmentId> => or_default,
        /// The person's studio.
        studio_id: Option<StudioId> => opt_id,
    }
);
