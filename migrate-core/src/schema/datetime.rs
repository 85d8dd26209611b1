//! `DateTime` default values. The schema writes RFC 3339
//! (`2020-01-01T10:20:30.123+02:00`); Prisma 6.19.3 writes that instant into
//! SQLite and PostgreSQL as `'2020-01-01 10:20:30.123 +02:00'` (measured with
//! `prisma migrate diff --from-empty`), and databases read it back in their
//! own spellings. Two defaults are the same when they are the same instant.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// A `DateTime` default: the schema's RFC 3339 text, known to parse.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateTimeDefault(String);

impl DateTimeDefault {
    /// The default for `text` when it is RFC 3339; `None` otherwise.
    pub fn parse(text: &str) -> Option<Self> {
        Self::check(text).ok()
    }

    /// [`DateTimeDefault::parse`], or chrono's reason why not: Prisma reads
    /// these defaults with chrono's generic parser, field by field (a month
    /// of 13 is out of range before the input runs short), and its error
    /// messages quote that reason.
    pub fn check(text: &str) -> Result<Self, chrono::ParseError> {
        parse(text).map(|_| DateTimeDefault(text.to_string()))
    }

    /// Whether a database's text is RFC 3339 proper, which `db pull` writes
    /// as `@default("...")` (other spellings, such as Prisma's own
    /// `2020-01-01 00:00:00 +00:00`, are pulled as `dbgenerated`, as Prisma
    /// pulls them).
    pub fn is_rfc3339(text: &str) -> bool {
        DateTime::parse_from_rfc3339(text).is_ok()
    }

    /// The text the schema wrote.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant, with the offset the schema wrote (a dialect spells it).
    pub fn instant(&self) -> DateTime<FixedOffset> {
        parse(&self.0).expect("checked by DateTimeDefault::check")
    }

    /// Prisma's SQL spelling on SQLite and PostgreSQL, with the schema's
    /// offset: `2020-01-01 10:20:30.123 +02:00` (fractions of a second in
    /// groups of 3 digits, none when zero).
    pub fn with_offset(&self) -> String {
        self.instant().format("%Y-%m-%d %H:%M:%S%.f %:z").to_string()
    }
}

fn parse(text: &str) -> Result<DateTime<FixedOffset>, chrono::ParseError> {
    DateTime::parse_from_str(text, "%+")
}

/// Whether `a` and `b` spell the same instant: RFC 3339, the spellings
/// above, PostgreSQL's `2020-01-01 08:20:30.123+00`, or without an offset
/// (UTC, as Prisma stores `DateTime`). `false` when either is no date-time.
pub fn same_instant(a: &str, b: &str) -> bool {
    match (instant(a), instant(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn instant(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Ok(t) = parse(text) {
        return Some(t.naive_utc());
    }
    let spaced = text.replacen('T', " ", 1);
    for format in [
        "%Y-%m-%d %H:%M:%S%.f %:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(&spaced, format) {
            return Some(t.naive_utc());
        }
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(&spaced, "%Y-%m-%d %H:%M:%S%.f") {
        return Some(t);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_spellings() {
        let d = |s| DateTimeDefault::parse(s).unwrap();
        assert_eq!(d("2020-01-01T00:00:00Z").with_offset(), "2020-01-01 00:00:00 +00:00");
        assert_eq!(
            d("2020-01-01T10:20:30.123+02:00").with_offset(),
            "2020-01-01 10:20:30.123 +02:00"
        );
        assert_eq!(
            d("2020-06-01T00:00:00.5-05:30").with_offset(),
            "2020-06-01 00:00:00.500 -05:30"
        );
        assert_eq!(
            d("2021-03-04T05:06:07.123456Z").with_offset(),
            "2021-03-04 05:06:07.123456 +00:00"
        );
        assert!(DateTimeDefault::parse("2020-01-01").is_none());
        assert!(DateTimeDefault::parse("yesterday").is_none());
    }

    #[test]
    fn database_spellings_are_the_same_instant() {
        let schema = "2020-01-01T10:20:30.123+02:00";
        for stored in [
            "2020-01-01 10:20:30.123 +02:00",
            "2020-01-01 08:20:30.123+00",
            "2020-01-01 08:20:30.123",
            "2020-01-01T08:20:30.123Z",
        ] {
            assert!(same_instant(schema, stored), "{stored}");
        }
        assert!(!same_instant(schema, "2020-01-01 10:20:30.123"));
        assert!(!same_instant(schema, "not a date"));
        assert!(same_instant("2020-01-01T00:00:00Z", "2020-01-01"));
    }
}
