//! Constant expressions as `pg_get_expr()` prints them: a string, number,
//! boolean or NULL, maybe negated, parenthesized or cast any number of times
//! (`'-1'::integer`, `('-2'::integer)::numeric`, `'x'::character varying`),
//! and `ARRAY[...]` of those. Casts are dropped: the column's type says what
//! the constant is.

use super::tokens::{tokenize, Token};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Constant {
    /// A quoted string, unescaped.
    Str(String),
    /// A bare number as printed, with its sign.
    Number(String),
    Boolean(bool),
    Null,
    Array(Vec<Constant>),
}

/// The constant `text` is, when it is one and nothing else.
pub(super) fn constant(text: &str) -> Option<Constant> {
    let tokens = tokenize(text);
    let mut parser = Parser { tokens: &tokens, at: 0 };
    let value = parser.value()?;
    (parser.at == tokens.len()).then_some(value)
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<&'t Token> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        token
    }

    fn eat(&mut self, expected: &Token) -> bool {
        let found = self.peek() == Some(expected);
        self.at += usize::from(found);
        found
    }

    /// A primary constant and the casts after it.
    fn value(&mut self) -> Option<Constant> {
        let value = self.primary()?;
        while self.eat(&Token::Cast) {
            self.type_name()?;
        }
        Some(value)
    }

    fn primary(&mut self) -> Option<Constant> {
        match self.next()?.clone() {
            Token::Punct('(') => {
                let value = self.value()?;
                self.eat(&Token::Punct(')')).then_some(value)
            }
            Token::Punct('-') => match self.next()? {
                Token::Number(n) => Some(Constant::Number(format!("-{n}"))),
                _ => None,
            },
            Token::Str(s) => Some(Constant::Str(s)),
            Token::Number(n) => Some(Constant::Number(n)),
            Token::Word(w) => self.keyword(&w),
            _ => None,
        }
    }

    fn keyword(&mut self, word: &str) -> Option<Constant> {
        match word.to_ascii_lowercase().as_str() {
            "true" => Some(Constant::Boolean(true)),
            "false" => Some(Constant::Boolean(false)),
            "null" => Some(Constant::Null),
            "array" => self.array(),
            _ => None,
        }
    }

    /// `[a, b, ...]` after `ARRAY`.
    fn array(&mut self) -> Option<Constant> {
        if !self.eat(&Token::Punct('[')) {
            return None;
        }
        let mut items = Vec::new();
        if self.eat(&Token::Punct(']')) {
            return Some(Constant::Array(items));
        }
        loop {
            items.push(self.value()?);
            match self.next()? {
                Token::Punct(',') => {}
                Token::Punct(']') => return Some(Constant::Array(items)),
                _ => return None,
            }
        }
    }

    /// A type name after `::`: words, quoted names, a schema dot, a
    /// modifier in parentheses, `[]` (`timestamp(3) without time zone[]`).
    fn type_name(&mut self) -> Option<()> {
        let start = self.at;
        while let Some(token) = self.peek() {
            match token {
                Token::Word(_) | Token::Quoted(_) | Token::Punct('.') => self.at += 1,
                Token::Punct('[') if self.tokens.get(self.at + 1) == Some(&Token::Punct(']')) => self.at += 2,
                Token::Punct('(') => self.modifier()?,
                _ => break,
            }
        }
        (self.at > start).then_some(())
    }

    /// `(3)` or `(10,2)`.
    fn modifier(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.next()? {
                Token::Number(_) | Token::Punct(',') => {}
                Token::Punct(')') => return Some(()),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Constant {
        Constant::Str(text.into())
    }

    fn n(text: &str) -> Constant {
        Constant::Number(text.into())
    }

    #[test]
    fn casts_and_parentheses_are_dropped() {
        assert_eq!(constant("'it''s'::text"), Some(s("it's")));
        assert_eq!(constant("'x'::character varying"), Some(s("x")));
        assert_eq!(constant("'-1'::integer"), Some(s("-1")));
        assert_eq!(constant("('-2'::integer)::numeric"), Some(s("-2")));
        assert_eq!(constant("'USER'::\"Role\""), Some(s("USER")));
        assert_eq!(constant("'{a,b}'::text[]"), Some(s("{a,b}")));
        assert_eq!(constant("'x'::public.citext"), Some(s("x")));
        assert_eq!(
            constant("'2024-01-01'::timestamp(3) without time zone"),
            Some(s("2024-01-01"))
        );
        assert_eq!(constant("1.5"), Some(n("1.5")));
        assert_eq!(constant("(-1)"), Some(n("-1")));
        assert_eq!(constant("TRUE"), Some(Constant::Boolean(true)));
        assert_eq!(constant("NULL::text"), Some(Constant::Null));
    }

    #[test]
    fn arrays() {
        assert_eq!(
            constant("ARRAY['a'::text, 'b'::text]"),
            Some(Constant::Array(vec![s("a"), s("b")]))
        );
        assert_eq!(constant("ARRAY[]::integer[]"), Some(Constant::Array(vec![])));
        assert_eq!(
            constant("ARRAY[1.5, ('-2'::integer)::numeric]"),
            Some(Constant::Array(vec![n("1.5"), s("-2")]))
        );
        assert_eq!(constant("ARRAY[1, 2"), None);
        assert_eq!(constant("ARRAY[1 2]"), None);
    }

    #[test]
    fn anything_else_is_not_a_constant() {
        for text in [
            "now()",
            "CURRENT_TIMESTAMP",
            "nextval('s'::regclass)",
            "'a'::text || 'b'::text",
            "(1 + 2)",
            "1 + 2",
            "'a'::",
            "(1",
            "-'1'",
            "",
        ] {
            assert_eq!(constant(text), None, "{text}");
        }
    }
}
