//! UTC timestamps without a calendar library: milliseconds since the Unix
//! epoch, shown as the 14-digit migration prefix or as RFC 3339.

use std::time::{SystemTime, UNIX_EPOCH};

/// A UTC instant: milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time (the epoch itself if the clock is set before it).
    pub fn now() -> Self {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        Timestamp(ms)
    }

    /// `YYYYMMDDHHMMSS`, the migration folder prefix.
    pub fn migration_prefix(self) -> String {
        let (y, mo, d, h, mi, s, _) = self.parts();
        format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}")
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub fn rfc3339(self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.parts();
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm`, a SQL `DATETIME(3)` literal in UTC.
    pub fn sql_datetime(self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.parts();
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03}")
    }

    /// A history timestamp stored as text: RFC 3339
    /// (`2026-11-30T09:26:08.140+00:00`, what Prisma writes to SQLite
    /// through a driver adapter) or [`Timestamp::sql_datetime`]'s form
    /// (SQLite's `CURRENT_TIMESTAMP`, UTC). `None` for anything else.
    pub fn from_text(text: &str) -> Option<Timestamp> {
        match chrono::DateTime::parse_from_rfc3339(text.trim()) {
            Ok(t) => Some(Timestamp(t.timestamp_millis())),
            Err(_) => Timestamp::from_sql_datetime(text),
        }
    }

    /// Parses [`Timestamp::sql_datetime`]'s form; fractions beyond
    /// milliseconds are cut, a missing fraction is zero.
    pub fn from_sql_datetime(text: &str) -> Option<Timestamp> {
        let (date, time) = text.trim().split_once(' ')?;
        let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
        let (y, mo, day) = (d.next()??, d.next()??, d.next()??);
        let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
        let mut t = hms.split(':').map(|p| p.parse::<i64>().ok());
        let (h, mi, s) = (t.next()??, t.next()??, t.next()??);
        let ms_digits: String = fraction.chars().chain("000".chars()).take(3).collect();
        let ms = ms_digits.parse::<i64>().ok()?;
        let secs = days_from_civil(y, mo, day) * 86_400 + h * 3600 + mi * 60 + s;
        Some(Timestamp(secs * 1000 + ms))
    }

    /// Parses a `YYYYMMDDHHMMSS` migration prefix.
    pub fn from_migration_prefix(prefix: &str) -> Option<Timestamp> {
        if prefix.len() != 14 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = |r: std::ops::Range<usize>| prefix[r].parse::<i64>().ok();
        let days = days_from_civil(n(0..4)?, n(4..6)?, n(6..8)?);
        let secs = days * 86_400 + n(8..10)? * 3600 + n(10..12)? * 60 + n(12..14)?;
        Some(Timestamp(secs * 1000))
    }

    fn parts(self) -> (i64, u32, u32, u32, u32, u32, u32) {
        let ms = self.0.rem_euclid(1000) as u32;
        let secs = self.0.div_euclid(1000);
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60, ms)
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc() {
        let t = Timestamp(1_700_000_000_123);
        assert_eq!(t.migration_prefix(), "20231114221320");
        assert_eq!(t.rfc3339(), "2023-11-14T22:13:20.123Z");
        assert_eq!(Timestamp(951_782_400_000).rfc3339(), "2000-02-29T00:00:00.000Z");
        assert_eq!(Timestamp(0).migration_prefix(), "19700101000000");
        assert_eq!(
            Timestamp::from_migration_prefix("20231114221320"),
            Some(Timestamp(1_700_000_000_000))
        );
        assert_eq!(Timestamp::from_migration_prefix("0_init"), None);
        assert_eq!(t.sql_datetime(), "2023-11-14 22:13:20.123");
        assert_eq!(Timestamp::from_sql_datetime("2023-11-14 22:13:20.123000"), Some(t));
        assert_eq!(
            Timestamp::from_sql_datetime("2023-11-14 22:13:20"),
            Some(Timestamp(1_700_000_000_000))
        );
        assert_eq!(Timestamp::from_sql_datetime("yesterday"), None);
    }
}
