//! A tokenizer for the expressions `pg_get_expr()` prints: enough to read
//! constants, casts and `ARRAY[...]` back; no full SQL grammar.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// A keyword or bare identifier: `true`, `ARRAY`, `now`, `character`.
    Word(String),
    /// `"..."`, unescaped.
    Quoted(String),
    /// `'...'` or `E'...'`, unescaped.
    Str(String),
    /// Digits with an optional fraction and exponent: `1`, `1.5`, `1e-3`.
    Number(String),
    /// `::`.
    Cast,
    Punct(char),
}

impl Token {
    /// Whether this is the bare keyword `keyword` (any case).
    pub(super) fn is_keyword(&self, keyword: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(keyword))
    }
}

pub(super) fn tokenize(sql: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        let (token, len) = next_token(rest, c);
        tokens.extend(token);
        rest = &rest[len..];
    }
    tokens
}

/// The token `rest` starts with (none for blanks) and the bytes it spans.
fn next_token(rest: &str, c: char) -> (Option<Token>, usize) {
    match c {
        c if c.is_whitespace() => (None, c.len_utf8()),
        '\'' => string(rest, false),
        'E' | 'e' if rest[1..].starts_with('\'') => {
            let (token, len) = string(&rest[1..], true);
            (token, len + 1)
        }
        '"' => quoted_identifier(rest),
        ':' if rest.starts_with("::") => (Some(Token::Cast), 2),
        c if c.is_ascii_digit() || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) => number(rest),
        c if is_word_char(c) => {
            let len = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
            (Some(Token::Word(rest[..len].to_string())), len)
        }
        c => (Some(Token::Punct(c)), c.len_utf8()),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// `'...'` where `''` is one quote; with `escapes` (`E'...'`), a backslash
/// takes the next character literally (`\n` and `\t` are control characters).
fn string(text: &str, escapes: bool) -> (Option<Token>, usize) {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if escapes => {
                if let Some((_, next)) = chars.next() {
                    value.push(unescape(next));
                }
            }
            '\'' if chars.peek().is_some_and(|&(_, next)| next == '\'') => {
                value.push('\'');
                chars.next();
            }
            '\'' => return (Some(Token::Str(value)), at + 1),
            c => value.push(c),
        }
    }
    (Some(Token::Str(value)), text.len())
}

fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\u{8}',
        'f' => '\u{c}',
        c => c,
    }
}

/// `"..."` where `""` is one quote.
fn quoted_identifier(text: &str) -> (Option<Token>, usize) {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' if chars.peek().is_some_and(|&(_, next)| next == '"') => {
                value.push('"');
                chars.next();
            }
            '"' => return (Some(Token::Quoted(value)), at + 1),
            c => value.push(c),
        }
    }
    (Some(Token::Quoted(value)), text.len())
}

/// `12`, `1.5`, `.5`, `1e-3`, `2E+10`.
fn number(text: &str) -> (Option<Token>, usize) {
    let bytes = text.as_bytes();
    let mut len = bytes.iter().take_while(|b| b.is_ascii_digit() || **b == b'.').count();
    if matches!(bytes.get(len), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(len + 1), Some(b'+' | b'-')));
        let digits = bytes[len + 1 + sign..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 0 {
            len += 1 + sign + digits;
        }
    }
    (Some(Token::Number(text[..len].to_string())), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_identifiers_numbers_and_casts() {
        let word = |w: &str| Token::Word(w.into());
        assert_eq!(
            tokenize("ARRAY['it''s'::text, E'a\\'b\\\\c\\n', \"Ro\"\"le\", 1.5e-3, .5]"),
            [
                word("ARRAY"),
                Token::Punct('['),
                Token::Str("it's".into()),
                Token::Cast,
                word("text"),
                Token::Punct(','),
                Token::Str("a'b\\c\n".into()),
                Token::Punct(','),
                Token::Quoted("Ro\"le".into()),
                Token::Punct(','),
                Token::Number("1.5e-3".into()),
                Token::Punct(','),
                Token::Number(".5".into()),
                Token::Punct(']'),
            ]
        );
    }

    #[test]
    fn backslashes_are_plain_in_standard_strings() {
        assert_eq!(tokenize("'\\xdead'"), [Token::Str("\\xdead".into())]);
        assert_eq!(tokenize("'ab"), [Token::Str("ab".into())]);
    }

    #[test]
    fn a_word_ending_in_e_is_not_an_escape_string() {
        assert_eq!(
            tokenize("date 'x'"),
            [Token::Word("date".into()), Token::Str("x".into())]
        );
        assert_eq!(tokenize("e'x'"), [Token::Str("x".into())]);
        assert_eq!(tokenize("1e"), [Token::Number("1".into()), Token::Word("e".into())]);
    }
}
