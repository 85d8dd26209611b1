//! Strict UTF-8 reading of the files `migrate` runs or parses (schemas,
//! migration scripts): a byte that is not UTF-8 is an error that says where
//! it is, never a silent replacement character.

use std::fmt;

/// Where a file stops being UTF-8: the byte offset (0-based) and the
/// 1-based line and column (in characters) of the first invalid byte.
/// Lines end at `\n`, `\r\n` or a lone `\r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Byte offset of the first invalid byte (0-based).
    pub offset: usize,
    /// 1-based line of the first invalid byte.
    pub line: usize,
    /// 1-based column of the first invalid byte, in characters.
    pub column: usize,
    /// The first invalid byte.
    pub byte: u8,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "byte {} (line {}, column {}) is 0x{:02X}, which is not UTF-8",
            self.offset, self.line, self.column, self.byte
        )
    }
}

/// `bytes` as text, or where they stop being UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line_start = valid.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let lines = valid.matches('\n').count() + valid.matches('\r').count() - valid.matches("\r\n").count();
        NotUtf8 {
            offset,
            line: lines + 1,
            column: valid[line_start..].chars().count() + 1,
            byte: bytes[offset],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_first_invalid_byte() {
        assert_eq!(decode(b"caf\xc3\xa9").unwrap(), "café");
        let at = decode(b"a\r\nb\rc\n\xc3\xa9x\xe9").unwrap_err();
        assert_eq!((at.offset, at.line, at.column, at.byte), (10, 4, 3, 0xe9));
        assert_eq!(at.to_string(), "byte 10 (line 4, column 3) is 0xE9, which is not UTF-8");
        let first = decode(b"\xff").unwrap_err();
        assert_eq!((first.offset, first.line, first.column), (0, 1, 1));
    }
}
