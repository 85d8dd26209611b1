//! The tokens of a `prisma.config.ts` (or `.js`, `.mjs`, `.mts`, ...): enough
//! of JavaScript's and TypeScript's lexical grammar to read the object
//! literal a config exports — strings with their escapes, template literals
//! with their `${...}` parts, comments, identifiers, numbers and punctuation.
//!
//! Why not a real JS parser crate: the ones that read TypeScript (`oxc`,
//! `swc`) are tens of crates and minutes of compile time on two cores, for a
//! file whose only interesting part is one object literal of strings. What
//! this reader does not understand (regular expressions, JSX) only matters
//! inside code a config runs, which migrate reports as unreadable anyway.

use super::Location;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    /// A template literal: its text pieces and the tokens of each `${...}`.
    Template(Vec<Piece>),
    Num(String),
    Punct(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Expr(Vec<Token>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub at: Location,
}

/// Longest first, so that `...` is not read as three `.`.
const PUNCTUATION: [&str; 30] = [
    "...", "===", "!==", "??", "||", "&&", "=>", "?.", "==", "!=", "<=", ">=", "{", "}", "(", ")", "[", "]", ",", ":",
    ";", ".", "=", "<", ">", "?", "+", "-", "!", "*",
];

/// Why the text could not be read as tokens, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub message: String,
    pub at: Location,
}

pub fn tokenize(text: &str) -> Result<Vec<Token>, LexError> {
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        pos: 0,
        line: 1,
        col: 1,
    };
    lexer.tokens(None)
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    col: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn here(&self) -> Location {
        Location {
            line: self.line,
            col: self.col,
        }
    }

    fn error(&self, message: &str, at: Location) -> LexError {
        LexError {
            message: message.to_string(),
            at,
        }
    }

    /// Tokens up to the end, or (inside a template's `${`) up to its `}`.
    fn tokens(&mut self, closing: Option<Location>) -> Result<Vec<Token>, LexError> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            self.skip_blanks_and_comments()?;
            let at = self.here();
            let Some(c) = self.peek(0) else {
                return match closing {
                    Some(open) => Err(self.error("this `${` is never closed", open)),
                    None => Ok(out),
                };
            };
            let tok = match c {
                '"' | '\'' => Tok::Str(self.string(c)?),
                '`' => Tok::Template(self.template()?),
                c if c.is_ascii_digit() => {
                    Tok::Num(self.take_while(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                }
                c if c.is_alphabetic() || c == '_' || c == '$' => {
                    Tok::Ident(self.take_while(|c| c.is_alphanumeric() || c == '_' || c == '$'))
                }
                _ => {
                    let punct = PUNCTUATION
                        .iter()
                        .find(|p| p.chars().enumerate().all(|(i, pc)| self.peek(i) == Some(pc)));
                    match punct {
                        Some(p) => {
                            for _ in 0..p.chars().count() {
                                self.bump();
                            }
                            Tok::Punct(p)
                        }
                        None => {
                            // Any other character (an operator migrate does not
                            // read, `@`, `#`, ...) stands for itself: a value it is
                            // part of is reported as unreadable where it is used.
                            self.bump();
                            Tok::Punct("?other")
                        }
                    }
                }
            };
            if closing.is_some() {
                match tok {
                    Tok::Punct("{") => depth += 1,
                    Tok::Punct("}") if depth == 0 => return Ok(out),
                    Tok::Punct("}") => depth -= 1,
                    _ => {}
                }
            }
            out.push(Token { tok, at });
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0).filter(|&c| keep(c)) {
            s.push(c);
            self.bump();
        }
        s
    }

    fn skip_blanks_and_comments(&mut self) -> Result<(), LexError> {
        loop {
            match (self.peek(0), self.peek(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let at = self.here();
                    self.bump();
                    self.bump();
                    loop {
                        match (self.peek(0), self.peek(1)) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                break;
                            }
                            (Some(_), _) => {
                                self.bump();
                            }
                            (None, _) => return Err(self.error("this comment is never closed", at)),
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn string(&mut self, quote: char) -> Result<String, LexError> {
        let at = self.here();
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                Some(c) if c == quote => return Ok(s),
                Some('\\') => self.escape(&mut s, at)?,
                Some('\n') | None => return Err(self.error("this string is never closed", at)),
                Some(c) => s.push(c),
            }
        }
    }

    fn template(&mut self) -> Result<Vec<Piece>, LexError> {
        let at = self.here();
        self.bump();
        let mut pieces = Vec::new();
        let mut text = String::new();
        loop {
            match self.bump() {
                Some('`') => break,
                Some('\\') => self.escape(&mut text, at)?,
                Some('$') if self.peek(0) == Some('{') => {
                    let open = self.here();
                    self.bump();
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    // Up to and with the closing `}`.
                    pieces.push(Piece::Expr(self.tokens(Some(open))?));
                }
                Some(c) => text.push(c),
                None => return Err(self.error("this template string is never closed", at)),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }

    /// The character after a backslash, as JavaScript reads it.
    fn escape(&mut self, s: &mut String, at: Location) -> Result<(), LexError> {
        let unterminated = || LexError {
            message: "this string ends inside an escape".into(),
            at,
        };
        let c = self.bump().ok_or_else(unterminated)?;
        match c {
            'n' => s.push('\n'),
            't' => s.push('\t'),
            'r' => s.push('\r'),
            'b' => s.push('\u{8}'),
            'f' => s.push('\u{c}'),
            'v' => s.push('\u{b}'),
            '0' => s.push('\0'),
            // A line continuation: the newline is not part of the string.
            '\n' => {}
            'x' => {
                let hex: String = (0..2).filter_map(|_| self.bump()).collect();
                s.push(self.code_point(&hex, at)?);
            }
            'u' if self.peek(0) == Some('{') => {
                self.bump();
                let hex = self.take_while(|c| c != '}');
                self.bump();
                s.push(self.code_point(&hex, at)?);
            }
            'u' => {
                let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                s.push(self.code_point(&hex, at)?);
            }
            other => s.push(other),
        }
        Ok(())
    }

    fn code_point(&self, hex: &str, at: Location) -> Result<char, LexError> {
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error(&format!("`{hex}` is not a character code in this string's escape"), at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn reads_strings_templates_and_comments() {
        assert_eq!(
            toks("a /* x */ 'it\\'s' // y\n\"q\\u0041\\x42\""),
            [Tok::Ident("a".into()), Tok::Str("it's".into()), Tok::Str("qAB".into())]
        );
        let template = toks("`pg://${process.env.USER}@h/${ {a:1}.a }`");
        let Tok::Template(pieces) = &template[0] else { panic!() };
        assert_eq!(pieces.len(), 4);
        assert_eq!(pieces[0], Piece::Text("pg://".into()));
        let Piece::Expr(inner) = &pieces[1] else { panic!() };
        assert_eq!(inner.len(), 5);
        let Piece::Expr(inner) = &pieces[3] else { panic!() };
        assert_eq!(inner.len(), 7, "{inner:?}");
    }

    #[test]
    fn locates_tokens_and_errors() {
        let t = tokenize("x\n  ...y").unwrap();
        assert_eq!(
            (t[1].tok.clone(), t[1].at),
            (Tok::Punct("..."), Location { line: 2, col: 3 })
        );
        let e = tokenize("a = 'open\n").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.at),
            ("this string is never closed", Location { line: 1, col: 5 })
        );
        assert!(tokenize("`a ${b").is_err());
        assert!(tokenize("/* a").is_err());
        assert!(tokenize("'\\u{zz}'").is_err());
    }
}
