//! Quoted SQL strings as MariaDB prints them in `COLUMN_DEFAULT`: `''` is
//! a quote, and the backslash escapes of MySQL strings apply (`\n`, `\0`,
//! `\\`...).

/// The inside of a quoted string, unescaped.
pub(super) fn unescape(quoted: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(quoted.len());
    let mut bytes = quoted.iter().copied();
    while let Some(b) = bytes.next() {
        match b {
            b'\'' => {
                bytes.next();
                out.push(b'\'');
            }
            b'\\' => match bytes.next() {
                Some(escaped) => out.extend(backslash_escape(escaped)),
                None => out.push(b'\\'),
            },
            _ => out.push(b),
        }
    }
    out
}

/// What `\c` stands for; `\%` and `\_` keep their backslash.
fn backslash_escape(c: u8) -> Vec<u8> {
    match c {
        b'0' => vec![0],
        b'b' => vec![8],
        b'n' => vec![b'\n'],
        b'r' => vec![b'\r'],
        b't' => vec![b'\t'],
        b'Z' => vec![26],
        b'%' | b'_' => vec![b'\\', c],
        _ => vec![c],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_quotes_and_backslashes() {
        assert_eq!(unescape(b"it''s \\\\ a\\nb\\0"), b"it's \\ a\nb\0");
        assert_eq!(unescape(b"100\\%"), b"100\\%");
    }
}
