//! Numbers in column defaults, read as Prisma 6.19.3 reads them on SQLite
//! (its describer's `parse_int` and `parse_float`, probed with the kit in
//! `../shared/prisma6`): the text may sit in one pair of `'...'`.

use migrate_core::number::is_unsigned_decimal;

/// An integer default (`Int`, `BigInt`, and `0`/`1` on `Boolean`): an
/// optional `-` and digits, in a 64-bit integer, written without leading
/// zeros (`007` is `7`, `-0` is `0`). No `+`, no point, no hexadecimal.
pub(super) fn integer(text: &str) -> Option<i64> {
    let inner = unquoted(text);
    let digits = inner.strip_prefix('-').unwrap_or(inner);
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    plain.then(|| inner.parse().ok()).flatten()
}

/// A decimal default (`Float`, `Decimal`): a signed decimal number with an
/// optional point and exponent (`+1`, `.5`, `5.`, `1e3`), written as Prisma
/// writes its value: the digits at their scale, no exponent (`0.5`, `5`,
/// `1000`, `0.0015`), trailing zeros after the point kept (`1.50`).
pub(super) fn decimal(text: &str) -> Option<String> {
    let inner = unquoted(text);
    let (negative, unsigned) = match inner.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, inner.strip_prefix('+').unwrap_or(inner)),
    };
    if !is_unsigned_decimal(unsigned) {
        return None;
    }
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let exponent: i64 = exponent.strip_prefix('+').unwrap_or(exponent).parse().ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    let scale = i64::try_from(frac.len()).ok()? - exponent;
    let magnitude = at_scale(digits, scale)?;
    let zero = digits.is_empty();
    Some(format!("{}{magnitude}", if negative && !zero { "-" } else { "" }))
}

/// `digits` (no leading zeros) divided by ten to the `scale`.
fn at_scale(digits: &str, scale: i64) -> Option<String> {
    let digits = if digits.is_empty() { "0" } else { digits };
    if scale <= 0 {
        let zeros = usize::try_from(-scale).ok().filter(|z| *z <= 4096)?;
        return Some(if digits == "0" {
            "0".into()
        } else {
            format!("{digits}{}", "0".repeat(zeros))
        });
    }
    let scale = usize::try_from(scale).ok().filter(|s| *s <= 4096)?;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    Some(format!("{int}.{frac}"))
}

/// `text` without one pair of single quotes around it.
fn unquoted(text: &str) -> &str {
    let inner = text.strip_prefix('\'').unwrap_or(text);
    inner.strip_suffix('\'').unwrap_or(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prisma 6.19.3's pull of each spelling on an `INTEGER` column.
    #[test]
    fn integers_as_prisma_reads_them() {
        let cases = [
            ("0", Some(0)),
            ("-1", Some(-1)),
            ("007", Some(7)),
            ("-0", Some(0)),
            ("'10'", Some(10)),
            ("'-10'", Some(-10)),
            ("9999999999", Some(9_999_999_999)),
            ("99999999999999999999", None),
            ("+1", None),
            ("'+1'", None),
            (".5", None),
            ("1.0", None),
            ("1e3", None),
            ("0xFF", None),
            ("' 1'", None),
            ("TRUE", None),
            ("", None),
            ("-", None),
        ];
        for (text, expected) in cases {
            assert_eq!(integer(text), expected, "{text}");
        }
    }

    /// Prisma 6.19.3's pull of each spelling on a `REAL` column.
    #[test]
    fn decimals_as_prisma_writes_them() {
        let cases = [
            ("0", Some("0")),
            ("-1", Some("-1")),
            ("+1", Some("1")),
            ("+0", Some("0")),
            ("-0", Some("0")),
            (".5", Some("0.5")),
            ("-.5", Some("-0.5")),
            ("5.", Some("5")),
            ("1.0", Some("1.0")),
            ("1.50", Some("1.50")),
            ("1e3", Some("1000")),
            ("0.1e1", Some("1")),
            ("1.5e-3", Some("0.0015")),
            ("2E+10", Some("20000000000")),
            ("007", Some("7")),
            ("'1e3'", Some("1000")),
            ("'.5'", Some("0.5")),
            ("'+1'", Some("1")),
            ("'10'", Some("10")),
            ("0xFF", None),
            ("-0x10", None),
            ("' 1'", None),
            ("'abc'", None),
            ("TRUE", None),
            (".", None),
            ("1e", None),
        ];
        for (text, expected) in cases {
            assert_eq!(decimal(text).as_deref(), expected, "{text}");
        }
        assert_eq!(decimal("1e400"), Some(format!("1{}", "0".repeat(400))));
    }
}
