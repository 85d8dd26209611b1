//! Tokens of the Prisma schema language. Newlines are tokens: fields,
//! properties and enum values are one per line. A line ends at `\n`, `\r\n`
//! or a lone `\r`, as in Prisma's grammar (`NEWLINE = "\n" | "\r\n" | "\r"`).

use super::diagnostics::{FileId, Span};

/// One token's kind, with its text where it has one.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A word: a letter or `_`, then letters, digits, `_` or `-`. Keywords are words too.
    Ident(String),
    /// A number as written: `-12`, `2.5`, `1e3`.
    Number(String),
    /// (unescaped value, raw text between the quotes)
    Str(String, String),
    /// Text after `//`, as written.
    Comment(String),
    /// Text after `///`, leading blank removed.
    DocComment(String),
    /// `/* ... */` or `/** ... */` as written, line ends as `\n`. It may
    /// span lines; it does not nest.
    BlockComment(String),
    /// A line end: `\n`, `\r\n` or a lone `\r`.
    Newline,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `=`
    Equals,
    /// `?`
    Question,
    /// `@`: a field attribute follows.
    At,
    /// `@@`: a block attribute follows.
    AtAt,
    /// `.`
    Dot,
    /// Something that is not a token, with the message the parser reports for it.
    Error(String),
    /// A mistake inside the token before it (an unknown escape in a
    /// string), which stands: the parser reports it and reads on.
    ErrorWithin(String),
}

/// A token and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What the token is.
    pub tok: Tok,
    /// Its bytes in the source file.
    pub span: Span,
}

/// The tokens of `text`, in order. Never fails: what is not a token
/// becomes a [`Tok::Error`] with its message.
pub fn lex(file: FileId, text: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        file,
        text,
        pos: 0,
        // Schemas as written have about one token per three bytes (31,029
        // in the 93,014 of a 1,000-model one): sized with room to spare, the
        // list is not copied as it grows, and what stays unused is never
        // touched, so costs no memory.
        out: Vec::with_capacity(text.len() / 2),
    };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    pos: usize,
    out: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.out.push(Token {
            tok,
            span: Span::new(self.file, start, self.pos),
        });
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&f) {
            self.bump();
        }
    }

    fn run(&mut self) {
        // A byte order mark opens the file as editors on Windows write it.
        if self.peek() == Some(BOM) {
            self.bump();
        }
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                '\n' | '\r' => {
                    self.bump();
                    if c == '\r' && self.peek() == Some('\n') {
                        self.bump();
                    }
                    self.push(Tok::Newline, start);
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                '/' if self.peek_at(1) == Some('/') => self.comment(start),
                '/' if self.peek_at(1) == Some('*') => self.block_comment(start),
                '"' => self.string(start),
                c if c.is_ascii_digit() => self.number(start),
                '-' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => self.number(start),
                c if c.is_alphabetic() || c == '_' => {
                    self.eat_while(|c| c.is_alphanumeric() || c == '_' || c == '-');
                    let word = self.text[start..self.pos].to_string();
                    self.push(Tok::Ident(word), start);
                }
                '@' => {
                    self.bump();
                    if self.peek() == Some('@') {
                        self.bump();
                        self.push(Tok::AtAt, start);
                    } else {
                        self.push(Tok::At, start);
                    }
                }
                _ => {
                    self.bump();
                    let tok = match c {
                        '{' => Tok::LBrace,
                        '}' => Tok::RBrace,
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        '[' => Tok::LBracket,
                        ']' => Tok::RBracket,
                        ',' => Tok::Comma,
                        ':' => Tok::Colon,
                        '=' => Tok::Equals,
                        '?' => Tok::Question,
                        '.' => Tok::Dot,
                        other => Tok::Error(format!("Unexpected character `{other}`.")),
                    };
                    self.push(tok, start);
                }
            }
        }
    }

    fn comment(&mut self, start: usize) {
        self.pos += 2;
        // `///` opens a doc comment; four slashes or more (`//// Tags ////`,
        // a banner) a plain one, kept as written, as Prisma 6.19.3 keeps it.
        let doc = self.peek() == Some('/') && !self.text[self.pos..].starts_with("//");
        if doc {
            self.bump();
        }
        let body_start = self.pos;
        self.eat_while(|c| !is_line_end(c));
        let body = &self.text[body_start..self.pos];
        if doc {
            let body = body.strip_prefix(' ').unwrap_or(body).to_string();
            self.push(Tok::DocComment(body), start);
        } else {
            self.push(Tok::Comment(body.to_string()), start);
        }
    }

    /// `/* ... */`: up to the first `*/` (block comments do not nest).
    fn block_comment(&mut self, start: usize) {
        match self.text[start + 2..].find("*/") {
            Some(len) => {
                self.pos = start + 2 + len + 2;
                let raw = &self.text[start..self.pos];
                self.push(Tok::BlockComment(normalize_line_ends(raw)), start);
            }
            None => {
                self.pos = start + 2;
                self.push(Tok::Error("This comment is missing its closing `*/`.".into()), start);
                self.pos = self.text.len();
            }
        }
    }

    fn number(&mut self, start: usize) {
        self.bump();
        self.eat_while(|c| c.is_ascii_digit());
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            self.eat_while(|c| c.is_ascii_digit());
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = matches!(self.peek_at(1), Some('+' | '-'));
            let digit_at = if sign { 2 } else { 1 };
            if self.peek_at(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                for _ in 0..digit_at {
                    self.bump();
                }
                self.eat_while(|c| c.is_ascii_digit());
            }
        }
        let text = self.text[start..self.pos].to_string();
        self.push(Tok::Number(text), start);
    }

    /// A string literal with JSON's escapes, as Prisma 6.19.3 reads them:
    /// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX` (a
    /// surrogate pair as two). Any other escape is an error at its place; the
    /// string is still read to its closing quote.
    fn string(&mut self, start: usize) {
        self.bump();
        let mut value = String::new();
        let mut invalid: Option<(Span, &'static str)> = None;
        loop {
            match self.peek() {
                None | Some('\n' | '\r') => {
                    let tok = Tok::Error("This string is missing its closing `\"`.".into());
                    return self.push(tok, start);
                }
                Some('"') => {
                    self.bump();
                    break;
                }
                Some('\\') => {
                    let at = self.pos;
                    self.bump();
                    if let Err(message) = self.escape(&mut value) {
                        // The escape: the backslash and what was read of it,
                        // or the one character after it.
                        let end = match self.pos - at {
                            1 => self.pos + self.peek().map_or(0, char::len_utf8),
                            _ => self.pos,
                        };
                        invalid.get_or_insert((Span::new(self.file, at, end), message));
                    }
                }
                Some(c) => {
                    self.bump();
                    value.push(c);
                }
            }
        }
        let raw = self.text[start + 1..self.pos - 1].to_string();
        self.push(Tok::Str(value, raw), start);
        if let Some((span, message)) = invalid {
            let tok = Tok::ErrorWithin(message.into());
            self.out.push(Token { tok, span });
        }
    }

    /// The escape after a `\`, onto `value`.
    fn escape(&mut self, value: &mut String) -> Result<(), &'static str> {
        const UNKNOWN: &str =
            "Unknown escape sequence. If the value is a windows-style path, `\\` must be escaped as `\\\\`.";
        let c = match self.peek() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                self.bump();
                return self.unicode_escape(value);
            }
            // The string's end, or an unknown escape (read on as text).
            _ => return Err(UNKNOWN),
        };
        self.bump();
        value.push(c);
        Ok(())
    }

    /// The `XXXX` of `\uXXXX`, and a low surrogate's `\uXXXX` after a high one.
    fn unicode_escape(&mut self, value: &mut String) -> Result<(), &'static str> {
        const INVALID: &str = "Invalid unicode escape sequence.";
        let high = self.hex4().ok_or(INVALID)?;
        if !(0xD800..0xDC00).contains(&high) {
            value.push(char::from_u32(high).ok_or(INVALID)?);
            return Ok(());
        }
        let rest = &self.text[self.pos..];
        if !rest.starts_with("\\u") {
            return Err(INVALID);
        }
        self.bump();
        self.bump();
        let low = self
            .hex4()
            .filter(|low| (0xDC00..0xE000).contains(low))
            .ok_or(INVALID)?;
        let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).ok_or(INVALID)?;
        value.push(c);
        Ok(())
    }

    /// Four hex digits, consumed; `None` (consuming none) otherwise.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        for _ in 0..4 {
            self.bump();
        }
        u32::from_str_radix(digits, 16).ok()
    }
}

const BOM: char = '\u{feff}';

fn is_line_end(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// `\r\n` and lone `\r` as `\n`.
fn normalize_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(0, s).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn strings_read_json_escapes() {
        let value = |s: &str| match &toks(s)[0] {
            Tok::Str(v, _) => v.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(value(r#""a\"b\\c\/d""#), "a\"b\\c/d");
        assert_eq!(value(r#""\b\f\n\r\t""#), "\u{8}\u{c}\n\r\t");
        assert_eq!(value(r#""caf\u00e9 \u001b\uD83D\uDE00""#), "café \u{1b}😀");
    }

    #[test]
    fn other_escapes_are_errors_where_they_are() {
        for (text, message) in [
            (r#""x\0y""#, "Unknown escape sequence."),
            (r#""it\'s""#, "Unknown escape sequence."),
            (r#""C:\Users""#, "Unknown escape sequence."),
            (r#""x\u00""#, "Invalid unicode escape sequence."),
            (r#""x\u{41}""#, "Invalid unicode escape sequence."),
            (r#""x\uD83Dy""#, "Invalid unicode escape sequence."),
        ] {
            let tokens = lex(0, text);
            assert!(
                matches!(tokens[0].tok, Tok::Str(..)),
                "{text}: read to its closing quote"
            );
            let Tok::ErrorWithin(got) = &tokens[1].tok else {
                panic!("{text}: {:?}", tokens[1].tok)
            };
            assert!(got.starts_with(message), "{text}: {got}");
            assert_eq!(
                text[tokens[1].span.start..].chars().next(),
                Some('\\'),
                "{text}: at the backslash"
            );
        }
    }

    #[test]
    fn lexes_a_field_line() {
        assert_eq!(
            toks("id Int @id @default(-1) // x\n"),
            vec![
                Tok::Ident("id".into()),
                Tok::Ident("Int".into()),
                Tok::At,
                Tok::Ident("id".into()),
                Tok::At,
                Tok::Ident("default".into()),
                Tok::LParen,
                Tok::Number("-1".into()),
                Tok::RParen,
                Tok::Comment(" x".into()),
                Tok::Newline,
            ]
        );
    }

    #[test]
    fn strings_keep_raw_and_value() {
        assert_eq!(toks(r#""a\"b""#), vec![Tok::Str("a\"b".into(), r#"a\"b"#.into())]);
        assert!(matches!(toks("\"open\n")[0], Tok::Error(_)));
    }

    #[test]
    fn doc_comments() {
        assert_eq!(toks("/// hi"), vec![Tok::DocComment("hi".into())]);
        assert_eq!(toks("//// Tags ////"), vec![Tok::Comment("// Tags ////".into())]);
    }

    #[test]
    fn every_line_end_is_one_newline() {
        let lines = |s: &str| toks(s).iter().filter(|t| **t == Tok::Newline).count();
        assert_eq!(lines("a\nb\r\nc\rd\r\r\n"), 5);
        assert_eq!(toks("// x\r\n"), vec![Tok::Comment(" x".into()), Tok::Newline]);
        assert_eq!(
            toks("// x\ry"),
            vec![Tok::Comment(" x".into()), Tok::Newline, Tok::Ident("y".into())]
        );
        assert!(matches!(toks("\"open\r\n")[0], Tok::Error(_)));
    }

    #[test]
    fn block_comments_do_not_nest_and_must_close() {
        assert_eq!(
            toks("a /* x\r\n y */ b"),
            vec![
                Tok::Ident("a".into()),
                Tok::BlockComment("/* x\n y */".into()),
                Tok::Ident("b".into())
            ]
        );
        assert_eq!(toks("/** d */"), vec![Tok::BlockComment("/** d */".into())]);
        assert_eq!(toks("/**/"), vec![Tok::BlockComment("/**/".into())]);
        let nested = toks("/* a /* b */ c */");
        assert_eq!(nested[0], Tok::BlockComment("/* a /* b */".into()));
        let open = lex(0, "x /* never closed\n y");
        assert!(matches!(open[1].tok, Tok::Error(_)));
        assert_eq!((open[1].span.start, open[1].span.end, open.len()), (2, 4, 2));
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_and_no_other() {
        assert_eq!(toks("\u{feff}model"), vec![Tok::Ident("model".into())]);
        assert!(matches!(toks("a \u{feff}")[1], Tok::Error(_)));
    }
}
