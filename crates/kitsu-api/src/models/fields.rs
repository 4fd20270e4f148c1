//! Field readers for the collections' models: Zou's date-only columns, ids of no typed kind,
//! and lists Zou may send as `null`.

use super::*;

use chrono::NaiveDate;
use kitsu_core::ids::Uuid;

/// Reads a date-only column (`2031-01-02`; a date and time keeps its date), absent as `null`,
/// `""` or `"None"`.
pub(super) fn opt_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    opt_text(
        deserializer,
        format_args!("a date such as 2031-01-02"),
        |text| {
            text.parse::<NaiveDate>()
                .ok()
                .or_else(|| parse_datetime(text).map(|at| at.date()))
                .ok_or_else(|| format!("`{text}` is not a date such as 2031-01-02"))
        },
    )
}

/// Reads an id that may name rows of several kinds (a schedule item's sequence, episode or
/// asset type), absent as `null`, `""` or `"None"`.
pub(super) fn opt_uuid<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Uuid>, D::Error> {
    opt_text(deserializer, format_args!("an id (a UUID)"), |text| {
        kitsu_core::ids::parse_uuid("row", text).map_err(|error| error.to_string())
    })
}

/// Reads a value whose `null` means its default (an empty list): Zou stores some lists as
/// nullable columns.
pub(super) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use crate::models::{DayOff, Notification, TaskStatusLink};

    const ID: &str = "00000000-0000-4000-8000-000000000001";

    #[test]
    fn reads_dates_ids_and_null_lists() {
        let day_off: DayOff = serde_json::from_str(&format!(
            r#"{{"id":"{ID}","date":"2031-01-02","end_date":"2031-01-03T00:00:00","person_id":"None"}}"#
        ))
        .unwrap();
        assert_eq!(day_off.date.unwrap().to_string(), "2031-01-02");
        assert_eq!(day_off.end_date.unwrap().to_string(), "2031-01-03");
        assert_eq!(day_off.person_id, None);
        let empty: DayOff =
            serde_json::from_str(&format!(r#"{{"id":"{ID}","date":"","end_date":null}}"#)).unwrap();
        assert_eq!((empty.date, empty.end_date), (None, None));
        let error = serde_json::from_str::<DayOff>(&format!(r#"{{"id":"{ID}","date":"soon"}}"#))
            .unwrap_err();
        assert!(
            error.to_string().contains("`soon` is not a date"),
            "{error}"
        );

        let notification: Notification =
            serde_json::from_str(&format!(r#"{{"id":"{ID}","reply_id":"{ID}"}}"#)).unwrap();
        assert_eq!(notification.reply_id.unwrap().to_string(), ID);
        let error =
            serde_json::from_str::<Notification>(&format!(r#"{{"id":"{ID}","reply_id":"r1"}}"#))
                .unwrap_err();
        assert!(
            error.to_string().contains("`r1` is not a valid row id"),
            "{error}"
        );

        let link: TaskStatusLink =
            serde_json::from_str(&format!(r#"{{"id":"{ID}","roles_for_board":null}}"#)).unwrap();
        assert!(link.roles_for_board.is_empty());
    }
}
