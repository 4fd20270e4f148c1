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
