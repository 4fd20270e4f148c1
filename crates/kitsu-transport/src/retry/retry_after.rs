//! Parses `Retry-After`: delay-seconds or an HTTP date.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// The delay a `Retry-After` header asks for, relative to `now`. A date in the past means no
/// wait; an unreadable value is ignored (the backoff applies).
pub(crate) fn parse(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn seconds() {
        let now = SystemTime::now();
        assert_eq!(parse(&headers("120"), now), Some(Duration::from_secs(120)));
        assert_eq!(parse(&headers(" 0 "), now), Some(Duration::ZERO));
    }

    #[test]
    fn http_dates_relative_to_now() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse(&headers("Sun, 06 Nov 1994 08:50:07 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse(&headers("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn garbage_and_absence_are_ignored() {
        let now = SystemTime::now();
        assert_eq!(parse(&HeaderMap::new(), now), None);
        assert_eq!(parse(&headers("soon"), now), None);
        assert_eq!(parse(&headers("-5"), now), None);
    }
}
