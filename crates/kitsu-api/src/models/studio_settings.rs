//! The studio's settings and resources: the organisation, departments and their salary
//! scales, software and hardware, custom actions, plugins; people's days off and time spent.

use super::fields::opt_date;
use super::*;

use chrono::NaiveDate;
use kitsu_core::ids::{
    CustomActionId, DayOffId, DepartmentId, HardwareItemId, OrganisationId, PluginId,
    SalaryScaleId, SoftwareId, TimeSpentId,
};

model!(
    /// The organisation: the studio's settings (`data/organisations`; Zou keeps one).
    Organisation: OrganisationId in "organisations" {
        /// The studio's name.
        name: String,
        /// How many hours make a working day.
        hours_by_day: Option<f64>,
        /// Whether it has a logo.
        has_avatar: Option<bool>,
        /// Whether uploaded previews keep their file's name.
        use_original_file_name: Option<bool>,
        /// Whether past timesheets are locked.
        timesheets_locked: Option<bool>,
        /// Whether durations show in hours rather than days.
        format_duration_in_hours: Option<bool>,
        /// Whether movies play in HD by default.
        hd_by_default: Option<bool>,
        /// Slack token for notifications (only admins see it).
        chat_token_slack: Option<String>,
        /// Mattermost webhook for notifications (only admins see it).
        chat_webhook_mattermost: Option<String>,
        /// Discord token for notifications (only admins see it).
        chat_token_discord: Option<String>,
        /// Whether Kitsu's dark theme is the default.
        dark_theme_by_default: Option<bool>,
    }
);

model!(
    /// A department of the studio (Modeling, Animation…).
    Department: DepartmentId in "departments" {
        /// Its name.
        name: String,
        /// Its colour (`#rrggbb`).
        color: Option<String>,
        /// Whether it is archived.
        archived: Option<bool>,
    }
);

model!(
    /// What a position and seniority earn in a department, for budgets (Zou creates one row
    /// per department, position and seniority).
    SalaryScale: SalaryScaleId in "salary-scales" {
        /// The department.
        department_id: Option<DepartmentId> => opt_id,
        /// `supervisor`, `lead` or `artist`.
        position: Option<String>,
        /// `senior`, `mid` or `junior`.
        seniority: Option<String>,
        /// The salary, in the studio's currency.
        salary: Option<i64>,
    }
);

model!(
    /// A software the studio uses (Blender, Maya…), with the file extensions of its
    /// working files.
    Software: SoftwareId in "softwares" {
        /// Its name.
        name: String,
        /// Its short name.
        short_name: Option<String>,
        /// Its version.
        version: Option<String>,
        /// The extension of its files (`blend`).
        file_extension: Option<String>,
        /// Other extensions of its files (a list of strings, as Zou stores it).
        secondary_extensions: Option<Value>,
        /// Whether it is archived.
        archived: Option<bool>,
        /// Its monthly cost, for budgets.
        monthly_cost: Option<i64>,
        /// How many licences the studio has.
        inventory_amount: Option<i64>,
    }
);

model!(
    /// A hardware item of the studio (workstations, tablets…), for budgets.
    HardwareItem: HardwareItemId in "hardware-items" {
        /// Its name.
        name: String,
        /// Its short name.
        short_name: Option<String>,
        /// Whether it is archived.
        archived: Option<bool>,
        /// Its monthly cost.
        monthly_cost: Option<i64>,
        /// How many the studio has.
        inventory_amount: Option<i64>,
    }
);

model!(
    /// A custom action: a URL Kitsu's web UI calls with the selected rows.
    CustomAction: CustomActionId in "custom-actions" {
        /// Its name.
        name: String,
        /// The URL called.
        url: Option<String>,
        /// What it applies to: `all`, `shot`, `asset`…
        entity_type: Option<String>,
        /// Whether Kitsu calls it in the background (rather than opening it).
        is_ajax: Option<bool>,
    }
);

model!(
    /// A plugin installed in Zou.
    Plugin: PluginId in "plugins" {
        /// Its name as a plugin (`my-plugin`).
        plugin_id: String,
        /// Its display name.
        name: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Its version.
        version: Option<String>,
        /// Its maintainer's name.
        maintainer_name: Option<String>,
        /// Its maintainer's email.
        maintainer_email: Option<String>,
        /// Its website.
        website: Option<String>,
        /// Its licence.
        license: Option<String>,
        /// Its source revision.
        revision: Option<String>,
        /// Whether it adds a page to projects in Kitsu.
        frontend_project_enabled: Option<bool>,
        /// Whether it adds a page to the studio in Kitsu.
        frontend_studio_enabled: Option<bool>,
        /// The name of its icon (a lucide icon).
        icon: Option<String>,
    }
);

model!(
    /// Days off of a person, from `date` to `end_date` included.
    DayOff: DayOffId in "day-offs" {
        /// The person.
        person_id: Option<PersonId> => opt_id,
        /// The first day.
        date: Option<NaiveDate> => opt_date,
        /// The last day.
        end_date: Option<NaiveDate> => opt_date,
        /// Why (absent for those who may not see it).
        description: Option<String>,
    }
);

model!(
    /// Time a person spent on a task one day.
    TimeSpent: TimeSpentId in "time-spents" {
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// The person.
        person_id: Option<PersonId> => opt_id,
        /// The day.
        date: Option<NaiveDate> => opt_date,
        /// How long, in minutes.
        duration: Option<f64>,
    }
);
