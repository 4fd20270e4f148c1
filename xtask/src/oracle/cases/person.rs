//! The oracle's cases for gazu's `person` module.
//!
//! Extra world keys (per side): `other_person`, `other_email`, `other_login`,
//! `other_full_name` (a person made for the side, removed by the cases), `people_department`,
//! `people_department_name` (a department made for the side, removed by the last case),
//! `new_department_name`, `new_person_email`, `bot_email` (rows the cases make and remove),
//! `avatar_path` (a small PNG on disk).

use kitsu::Kitsu;
use kitsu::ids::DepartmentId;
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// A 1×1 PNG, for the avatar.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Rows this module's cases need beyond the common world, made for each side: a person, a
/// department, an avatar file.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let tag = world.unique("oracle").to_lowercase();
    let email = format!("{tag}@example.com");
    let login = format!("{tag}-login");
    let person = kitsu
        .persons()
        .new_person("Oracle", tag.clone(), email.clone())
        .desktop_login(login.clone())
        .password("oracle-password-1")
        .await?;
    world.set("other_person", person.id);
    world.set("other_email", email);
    world.set("other_login", login);
    world.set("other_full_name", format!("Oracle {tag}"));
    let department_name = world.unique("Oracle dept");
    let department = kitsu
        .departments()
        .new_department(department_name.clone())
        .await?;
    world.set("people_department", department.id);
    world.set("people_department_name", department_name);
    world.set("new_department_name", world.unique("Oracle new dept"));
    world.set("new_person_email", format!("{tag}-new@example.com"));
    world.set("bot_email", format!("{tag}-bot@example.com"));
    let avatar = std::env::temp_dir().join(format!("{tag}-avatar.png"));
    std::fs::write(&avatar, PNG)?;
    world.set("avatar_path", avatar.display());
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "person.all_organisations",
            r#"gazu.person.all_organisations()"#,
            |k, w| {
                k.organisations().all().await?;
            }
        ),
        case!(
            "person.get_organisation",
            r#"gazu.person.get_organisation()"#,
            |k, w| {
                k.organisation().await?;
            }
        ),
        case!(
            "person.all_departments",
            r#"gazu.person.all_departments()"#,
            |k, w| {
                k.departments().all().await?;
            }
        ),
        case!(
            "person.all_persons",
            r#"gazu.person.all_persons()"#,
            |k, w| {
                k.persons().list().await?;
            }
        ),
        case!(
            "person.get_department",
            r#"gazu.person.get_department(w["people_department"])"#,
            |k, w| {
                k.department(w.id("people_department")?).get().await?;
            }
        ),
        case!(
            "person.update_department",
            r##"gazu.person.update_department({"id": w["people_department"], "color": "#00ff00"})"##,
            |k, w| {
                k.department(w.id("people_department")?)
                    .update(&json!({ "id": w.get("people_department")?, "color": "#00ff00" }))
                    .await?;
            }
        ),
        case!(
            "person.new_department",
            r##"gazu.person.new_department(w["new_department_name"], color="#ff0000")"##,
            |k, w| {
                k.departments()
                    .new_department(w.get("new_department_name")?)
                    .color("#ff0000")
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "person.get_person",
            r#"gazu.person.get_person(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).get().await?;
            }
        ),
        case!(
            "person.get_person_by_email",
            r#"gazu.person.get_person_by_email(w["other_email"])"#,
            |k, w| {
                k.persons().by_email(w.get("other_email")?).await?;
            }
        ),
        case!(
            "person.get_person_by_desktop_login",
            r#"gazu.person.get_person_by_desktop_login(w["other_login"])"#,
            |k, w| {
                k.persons().by_desktop_login(w.get("other_login")?).await?;
            }
        ),
        case!(
            "person.get_person_by_full_name",
            r#"gazu.person.get_person_by_full_name(w["other_full_name"])"#,
            |k, w| {
                k.persons().by_full_name(w.get("other_full_name")?).await?;
            }
        ),
        case!(
            "person.get_person_url",
            r#"gazu.person.get_person_url(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).web_url();
            }
        ),
        case!(
            "person.update_person",
            r#"gazu.person.update_person({"id": w["other_person"], "phone": "0102030405", "departments": [w["people_department"]]})"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .update(&json!({
                        "id": w.get("other_person")?,
                        "phone": "0102030405",
                        "departments": [w.get("people_department")?],
                    }))
                    .await?;
            }
        ),
        case!(
            "person.remove_person_from_department",
            r#"gazu.person.remove_person_from_department(w["other_person"], w["people_department"])"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .leave_department(w.id("people_department")?)
                    .await?;
            }
        ),
        case!(
            "person.add_person_to_department",
            r#"gazu.person.add_person_to_department(w["other_person"], w["people_department"])"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .join_department(w.id("people_department")?)
                    .await?;
            }
        ),
        case!(
            "person.change_password_for_person",
            r#"gazu.person.change_password_for_person(w["other_person"], "oracle-password-2")"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .change_password("oracle-password-2")
                    .await?;
            }
        ),
        case!(
            "person.invite_person",
            r#"gazu.person.invite_person(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).invite().await?;
            }
        ),
        case!(
            "person.disable_two_factor_authentication",
            r#"gazu.person.disable_two_factor_authentication(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).disable_two_factor().await?;
            }
        ),
        case!(
            "person.set_avatar",
            r#"gazu.person.set_avatar(w["other_person"], w["avatar_path"])"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .set_avatar(w.get("avatar_path")?)
                    .await?;
            }
        ),
        case!(
            "person.clear_person_avatar",
            r#"gazu.person.clear_person_avatar(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).clear_avatar().await?;
            }
        ),
        case!(
            "person.get_time_spents_range",
            r#"gazu.person.get_time_spents_range(w["person"], "2026-01-01", "2026-01-31")"#,
            |k, w| {
                k.person(w.id("person")?)
                    .time_spents("2026-01-01".parse()?, "2026-01-31".parse()?)
                    .await?;
            }
        ),
        case!(
            "person.get_all_month_time_spents",
            r#"gazu.person.get_all_month_time_spents(w["person"], __import__("datetime").date(2026, 1, 1))"#,
            |k, w| {
                k.person(w.id("person")?).month_time_spents(2026, 1).await?;
            }
        ),
        case!(
            "person.get_time_spents_by_date",
            r#"gazu.person.get_time_spents_by_date(w["person"], "2026-01-05")"#,
            |k, w| {
                k.person(w.id("person")?)
                    .time_spents_on("2026-01-05".parse()?)
                    .await?;
            }
        ),
        case!(
            "person.get_week_time_spents",
            r#"gazu.person.get_week_time_spents(w["person"], 2026, 2)"#,
            |k, w| {
                k.person(w.id("person")?).week_time_sheet(2026, 2).await?;
            }
        ),
        case!(
            "person.get_year_time_spents",
            r#"gazu.person.get_year_time_spents(w["person"], 2026)"#,
            |k, w| {
                k.person(w.id("person")?).year_time_sheet(2026).await?;
            }
        ),
        case!(
            "person.new_day_off",
            r#"gazu.person.new_day_off(w["other_person"], "2026-04-10", "2026-04-11", description="oracle")"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .new_day_off("2026-04-10".parse()?, "2026-04-11".parse()?)
                    .description("oracle")
                    .await?;
            }
        ),
        case!(
            "person.get_day_offs",
            r#"gazu.person.get_day_offs(w["other_person"])"#,
            |k, w| {
                k.person(w.id("other_person")?).day_offs().await?;
            }
        ),
        case!(
            "person.get_week_day_offs",
            r#"gazu.person.get_week_day_offs(w["other_person"], 2026, 15)"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .week_day_offs(2026, 15)
                    .await?;
            }
        ),
        case!(
            "person.get_month_day_offs",
            r#"gazu.person.get_month_day_offs(w["other_person"], 2026, 4)"#,
            |k, w| {
                k.person(w.id("other_person")?)
                    .month_day_offs(2026, 4)
                    .await?;
            }
        ),
        case!(
            "person.get_year_day_offs",
            r#"gazu.person.get_year_day_offs(w["other_person"], 2026)"#,
            |k, w| {
                k.person(w.id("other_person")?).year_day_offs(2026).await?;
            }
        ),
        case!(
            "person.get_day_off",
            r#"gazu.person.get_day_off(gazu.person.get_day_offs(w["other_person"])[0]["id"])"#,
            |k, w| {
                let day_offs = k.person(w.id("other_person")?).day_offs().await?;
                let first = day_offs.first().ok_or("no day off")?;
                k.day_off(first.id).get().await?;
            }
        ),
        case!(
            "person.update_day_off",
            r#"gazu.person.update_day_off({"id": gazu.person.get_day_offs(w["other_person"])[0]["id"], "description": "oracle, changed"})"#,
            |k, w| {
                let day_offs = k.person(w.id("other_person")?).day_offs().await?;
                let first = day_offs.first().ok_or("no day off")?;
                k.day_off(first.id)
                    .update(&json!({ "id": first.id, "description": "oracle, changed" }))
                    .await?;
            }
        ),
        case!(
            "person.remove_day_off",
            r#"gazu.person.remove_day_off(gazu.person.get_day_offs(w["other_person"])[0]["id"])"#,
            |k, w| {
                let day_offs = k.person(w.id("other_person")?).day_offs().await?;
                let first = day_offs.first().ok_or("no day off")?;
                k.day_off(first.id).delete().await?;
            }
        ),
        case!(
            "person.get_presence_log",
            r#"gazu.person.get_presence_log(2026, 4)"#,
            |k, w| {
                k.presence_log(2026, 4).await?;
            }
        ),
        case!(
            "person.new_person",
            r#"gazu.person.new_person("Oracle", "New", w["new_person_email"], password="oracle-password-1")"#,
            |k, w| {
                k.persons()
                    .new_person("Oracle", "New", w.get("new_person_email")?)
                    .password("oracle-password-1")
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "person.remove_person",
            r#"[gazu.person.remove_person(gazu.person.get_person_by_email(email)["id"], force=True) for email in (w["new_person_email"], w["other_email"])]"#,
            |k, w| {
                for email in [w.get("new_person_email")?, w.get("other_email")?] {
                    let person = k.persons().by_email(email).await?.ok_or("no person")?;
                    k.person(person.id).delete_forever().await?;
                }
            }
        ),
        case!(
            "person.new_bot",
            r#"gazu.person.new_bot("Oracle bot", w["bot_email"])"#,
            |k, w| {
                k.persons()
                    .new_bot("Oracle bot", w.get("bot_email")?)
                    .await?;
            }
        ),
        case!(
            "person.update_bot",
            r#"gazu.person.update_bot({"id": gazu.person.get_person_by_email(w["bot_email"], is_bot=True)["id"], "active": False})"#,
            |k, w| {
                let bot = k
                    .persons()
                    .bot_by_email(w.get("bot_email")?)
                    .await?
                    .ok_or("no bot")?;
                k.person(bot.id)
                    .update(&json!({ "id": bot.id, "active": false }))
                    .await?;
            }
        ),
        case!(
            "person.remove_bot",
            r#"gazu.person.remove_bot(gazu.person.get_person_by_email(w["bot_email"], is_bot=True), force=True)"#,
            |k, w| {
                let bot = k
                    .persons()
                    .bot_by_email(w.get("bot_email")?)
                    .await?
                    .ok_or("no bot")?;
                k.person(bot.id).delete_forever().await?;
            }
        ),
        case!(
            "person.remove_department",
            r#"[gazu.person.remove_department(d, force=True) for d in (gazu.person.get_department_by_name(w["new_department_name"])["id"], w["people_department"])]"#,
            |k, w| {
                let new = k
                    .departments()
                    .by_name(w.get("new_department_name")?)
                    .await?
                    .ok_or("the new department is gone")?;
                for department in [new.id, w.id::<DepartmentId>("people_department")?] {
                    k.department(department).delete_forever().await?;
                }
            }
        ),
    ]
}
