//! The one reading of a decimal number's text that databases print and the
//! schema language's `Decimal` defaults accept; signs and other radixes are for
//! each caller, as they differ between databases.

/// Whether `text` is an unsigned decimal number: digits with an optional `.`
/// (`12`, `1.5`, `.5`, `5.`, not a lone `.`) and an optional exponent with
/// its own sign (`1e10`, `2.5E-3`).
pub fn is_unsigned_decimal(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (text, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = !(int.is_empty() && frac.is_empty()) && all_digits(int) && all_digits(frac);
    mantissa_ok && exponent.is_none_or(|e| !e.is_empty() && all_digits(e))
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digits_point_and_exponent() {
        for yes in ["12", "1.5", ".5", "5.", "1e10", "2.5E-3", "1e+3"] {
            assert!(is_unsigned_decimal(yes), "{yes}");
        }
        for no in ["", ".", "-1", "+1", "1e", "e5", "1e-", "0x1F", "1.2.3", "1,5", "NaN"] {
            assert!(!is_unsigned_decimal(no), "{no}");
        }
    }
}
