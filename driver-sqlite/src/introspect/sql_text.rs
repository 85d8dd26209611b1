//! What only the `CREATE TABLE` text knows: the names of its foreign key
//! constraints, its `CHECK` constraints and its columns' definitions as
//! written. SQLite keeps
//! the statement as written, so a small tokenizer that understands quoted
//! identifiers, strings and comments is enough; no full SQL parser.

use std::ops::Range;

/// One token of SQL text. Quoted identifiers and strings are unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// A bare word: keyword, identifier or number (digits only; `1.5` is three tokens).
    Word(String),
    /// `"..."`, `` `...` `` or `[...]`.
    Quoted(String),
    /// `'...'`.
    Str(String),
    Punct(char),
}

impl Token {
    /// Whether this is the bare keyword `keyword` (any case).
    pub(super) fn is_keyword(&self, keyword: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(keyword))
    }

    /// The identifier this token names; SQLite also takes a string there.
    pub(super) fn name(&self) -> Option<&str> {
        match self {
            Token::Word(s) | Token::Quoted(s) | Token::Str(s) => Some(s),
            Token::Punct(_) => None,
        }
    }
}

pub(super) fn tokenize(sql: &str) -> Vec<Token> {
    tokenize_spanned(sql).into_iter().map(|(token, _)| token).collect()
}

/// [`tokenize`], each token with the bytes of `sql` it spans.
fn tokenize_spanned(sql: &str) -> Vec<(Token, Range<usize>)> {
    let mut tokens = Vec::new();
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        let (token, len) = match c {
            c if c.is_whitespace() => (None, c.len_utf8()),
            '-' if rest.starts_with("--") => (None, rest.find('\n').unwrap_or(rest.len())),
            '/' if rest.starts_with("/*") => (None, rest[2..].find("*/").map_or(rest.len(), |at| at + 4)),
            '\'' => quoted(rest, '\'', Token::Str),
            '"' => quoted(rest, '"', Token::Quoted),
            '`' => quoted(rest, '`', Token::Quoted),
            '[' => bracketed(rest),
            c if is_word_char(c) => {
                let len = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
                (Some(Token::Word(rest[..len].to_string())), len)
            }
            c => (Some(Token::Punct(c)), c.len_utf8()),
        };
        let at = sql.len() - rest.len();
        tokens.extend(token.map(|t| (t, at..at + len)));
        rest = &rest[len..];
    }
    tokens
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// A token enclosed in `quote`, where a doubled `quote` stands for one.
/// Returns the token and the bytes it spans (to the end when unterminated).
fn quoted(text: &str, quote: char, make: fn(String) -> Token) -> (Option<Token>, usize) {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        if c != quote {
            value.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == quote) {
            value.push(quote);
            chars.next();
        } else {
            return (Some(make(value)), at + 1);
        }
    }
    (Some(make(value)), text.len())
}

/// `[name]`: no escapes inside.
fn bracketed(text: &str) -> (Option<Token>, usize) {
    match text.find(']') {
        Some(end) => (Some(Token::Quoted(text[1..end].to_string())), end + 1),
        None => (Some(Token::Quoted(text[1..].to_string())), text.len()),
    }
}

/// The position of the `)` that closes the `(` at `open`, if any.
pub(super) fn closing_paren(tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (at, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The facts read from one `CREATE TABLE` statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TableText {
    /// Foreign keys in declaration order, table constraints and inline
    /// `REFERENCES` column constraints alike.
    pub foreign_keys: Vec<ForeignKeyText>,
    /// `CHECK` constraints in declaration order, of the table and of its
    /// columns alike.
    pub checks: Vec<CheckText>,
    /// Each column's definition as written (`"hours" REAL GENERATED ALWAYS
    /// AS ("minutes" / 60.0) VIRTUAL`), by the column's name.
    pub columns: Vec<(String, String)>,
}

/// A `CHECK` constraint as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CheckText {
    /// `CONSTRAINT <name>`, when given.
    pub name: Option<String>,
    /// The column it is declared on; `None` for a table constraint.
    pub column: Option<String>,
    /// It as a table constraint: `[CONSTRAINT <name>] CHECK (<expression>)`
    /// as written; empty when its parentheses do not close.
    pub sql: String,
}

/// A foreign key as declared: enough to match it to a pragma row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ForeignKeyText {
    /// `CONSTRAINT <name>`, when given.
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub referenced_table: String,
    /// Empty when the parent's primary key is referenced implicitly.
    pub referenced_columns: Vec<String>,
}

pub(super) fn parse_create_table(sql: &str) -> TableText {
    let (tokens, spans): (Vec<Token>, Vec<_>) = tokenize_spanned(sql).into_iter().unzip();
    let ranges = definitions(&tokens);
    let foreign_keys = ranges.iter().filter_map(|r| foreign_key(&tokens[r.clone()])).collect();
    let checks = ranges
        .iter()
        .flat_map(|r| checks(&tokens[r.clone()], &spans[r.clone()], sql))
        .collect();
    let columns = ranges
        .iter()
        .filter(|r| !r.is_empty() && !is_table_constraint(&tokens[r.start]))
        .filter_map(|r| {
            let name = tokens[r.start].name()?;
            Some((
                name.to_string(),
                sql[spans[r.start].start..spans[r.end - 1].end].to_string(),
            ))
        })
        .collect();
    TableText {
        foreign_keys,
        checks,
        columns,
    }
}

/// The `CHECK` constraints of one definition: a table constraint, or those
/// among a column's constraints (outside parentheses). `spans`: each
/// token's bytes in `sql`.
fn checks(item: &[Token], spans: &[Range<usize>], sql: &str) -> Vec<CheckText> {
    let Some(first) = item.first() else {
        return Vec::new();
    };
    let column = match is_table_constraint(first) {
        true => None,
        false => first.name().map(str::to_string),
    };
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (at, token) in item.iter().enumerate() {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => depth = depth.saturating_sub(1),
            t if depth == 0 && t.is_keyword("CHECK") => {
                let name = constraint_name(item, at);
                let start = if name.is_some() { at - 2 } else { at };
                let end = (item.get(at + 1) == Some(&Token::Punct('(')))
                    .then(|| closing_paren(item, at + 1))
                    .flatten();
                found.push(CheckText {
                    name: name.map(str::to_string),
                    column: column.clone(),
                    sql: end.map_or_else(String::new, |end| sql[spans[start].start..spans[end].end].to_string()),
                });
            }
            _ => {}
        }
    }
    found
}

/// The comma-separated column definitions and table constraints between the
/// statement's outer parentheses, as ranges of `tokens`.
fn definitions(tokens: &[Token]) -> Vec<Range<usize>> {
    let Some(open) = tokens.iter().position(|t| *t == Token::Punct('(')) else {
        return Vec::new();
    };
    let close = closing_paren(tokens, open).unwrap_or(tokens.len());
    let body = &tokens[open + 1..close];
    let at_body = |range: Range<usize>| open + 1 + range.start..open + 1 + range.end;
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, token) in body.iter().enumerate() {
        match token {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => depth = depth.saturating_sub(1),
            Token::Punct(',') if depth == 0 => {
                items.push(at_body(start..at));
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(at_body(start..body.len()));
    items
}

/// Whether a definition starting with `first` is a table constraint (else
/// it is a column's definition).
fn is_table_constraint(first: &Token) -> bool {
    ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
        .iter()
        .any(|k| first.is_keyword(k))
}

/// The name of `CONSTRAINT <name>` just before `item[at]`, if it has one.
fn constraint_name(item: &[Token], at: usize) -> Option<&str> {
    match item.get(at.checked_sub(2)?..at) {
        Some([constraint, name]) if constraint.is_keyword("CONSTRAINT") => name.name(),
        _ => None,
    }
}

/// The foreign key one definition declares, if it declares one.
fn foreign_key(item: &[Token]) -> Option<ForeignKeyText> {
    let first = item.first()?;
    if is_table_constraint(first) {
        table_foreign_key(item)
    } else {
        column_foreign_key(item)
    }
}

/// `[CONSTRAINT name] FOREIGN KEY (a, b) REFERENCES "T" ...`.
fn table_foreign_key(item: &[Token]) -> Option<ForeignKeyText> {
    let (name, rest) = match item {
        [constraint, name, rest @ ..] if constraint.is_keyword("CONSTRAINT") => (name.name(), rest),
        _ => (None, item),
    };
    let [foreign, key, rest @ ..] = rest else { return None };
    if !foreign.is_keyword("FOREIGN") || !key.is_keyword("KEY") {
        return None;
    }
    let close = closing_paren(rest, 0)?;
    let columns = name_list(&rest[..=close]);
    let (referenced_table, referenced_columns) = references(&rest[close + 1..])?;
    Some(ForeignKeyText {
        name: name.map(str::to_string),
        columns,
        referenced_table,
        referenced_columns,
    })
}

/// `"col" TYPE ... [CONSTRAINT name] REFERENCES "T" ...`: a key on one column.
fn column_foreign_key(item: &[Token]) -> Option<ForeignKeyText> {
    let column = item.first()?.name()?;
    let at = item.iter().position(|t| t.is_keyword("REFERENCES"))?;
    let (referenced_table, referenced_columns) = references(&item[at..])?;
    Some(ForeignKeyText {
        name: constraint_name(item, at).map(str::to_string),
        columns: vec![column.to_string()],
        referenced_table,
        referenced_columns,
    })
}

/// `REFERENCES "T" [(a, b)] ...`: the table and its columns, if listed.
fn references(tokens: &[Token]) -> Option<(String, Vec<String>)> {
    let [references, table, rest @ ..] = tokens else {
        return None;
    };
    if !references.is_keyword("REFERENCES") {
        return None;
    }
    let columns = match rest.first() {
        Some(Token::Punct('(')) => name_list(&rest[..=closing_paren(rest, 0)?]),
        _ => Vec::new(),
    };
    Some((table.name()?.to_string(), columns))
}

/// The first name of each comma-separated entry in `( ... )`.
fn name_list(parenthesized: &[Token]) -> Vec<String> {
    let inner = &parenthesized[1..parenthesized.len() - 1];
    inner
        .split(|t| *t == Token::Punct(','))
        .filter_map(|entry| entry.first()?.name().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(sql: &str) -> Vec<Token> {
        tokenize(sql)
    }

    #[test]
    fn tokens_unescape_quotes_and_skip_comments() {
        assert_eq!(
            words("a \"b\"\"c\" `d``e` [f g] 'h''i' -- no\n/* nor */ (,)"),
            [
                Token::Word("a".into()),
                Token::Quoted("b\"c".into()),
                Token::Quoted("d`e".into()),
                Token::Quoted("f g".into()),
                Token::Str("h'i".into()),
                Token::Punct('('),
                Token::Punct(','),
                Token::Punct(')'),
            ]
        );
    }

    #[test]
    fn checks_of_the_table_and_of_its_columns() {
        let text = parse_create_table(
            "CREATE TABLE t (a INTEGER CHECK (a > 0) DEFAULT 1, \"b\" TEXT CONSTRAINT b_short CHECK (length(b) < 9), c TEXT DEFAULT 'CHECK', CONSTRAINT pair CHECK (a < 10), CHECK (b <> 'x'))",
        );
        let check = |name: Option<&str>, column: Option<&str>, sql: &str| CheckText {
            name: name.map(str::to_string),
            column: column.map(str::to_string),
            sql: sql.to_string(),
        };
        assert_eq!(
            text.checks,
            [
                check(None, Some("a"), "CHECK (a > 0)"),
                check(Some("b_short"), Some("b"), "CONSTRAINT b_short CHECK (length(b) < 9)"),
                check(Some("pair"), None, "CONSTRAINT pair CHECK (a < 10)"),
                check(None, None, "CHECK (b <> 'x')"),
            ]
        );
        let unclosed = parse_create_table("CREATE TABLE t (a INT CHECK (a > (0)");
        assert_eq!(unclosed.checks, [check(None, Some("a"), "")]);
    }

    #[test]
    fn unterminated_quotes_run_to_the_end() {
        assert_eq!(words("\"ab"), [Token::Quoted("ab".into())]);
        assert_eq!(words("'ab"), [Token::Str("ab".into())]);
        assert_eq!(words("[ab"), [Token::Quoted("ab".into())]);
        assert_eq!(words("/* ab"), []);
    }

    #[test]
    fn foreign_keys_in_every_form() {
        let text = parse_create_table(
            "CREATE TABLE \"x (y\" (a INT, \"b,c\" INT CONSTRAINT [in line] REFERENCES p, d INT REFERENCES 'q'(id),\n\
             CONSTRAINT \"t \"\"k\"\"\" FOREIGN KEY (a, \"b,c\") REFERENCES \"P\" (\"x\", y) ON DELETE CASCADE,\n\
             FOREIGN KEY (d) REFERENCES r, CHECK (a > (1)), UNIQUE (a))",
        );
        let strings = |names: &[&str]| names.iter().map(|c| c.to_string()).collect();
        let fk = |name: Option<&str>, columns: &[&str], table: &str, referenced: &[&str]| ForeignKeyText {
            name: name.map(str::to_string),
            columns: strings(columns),
            referenced_table: table.to_string(),
            referenced_columns: strings(referenced),
        };
        assert_eq!(
            text.foreign_keys,
            [
                fk(Some("in line"), &["b,c"], "p", &[]),
                fk(None, &["d"], "q", &["id"]),
                fk(Some("t \"k\""), &["a", "b,c"], "P", &["x", "y"]),
                fk(None, &["d"], "r", &[]),
            ]
        );
    }

    #[test]
    fn closing_paren_skips_nested_pairs() {
        let tokens = words("(a (b) ')' c) d");
        assert_eq!(closing_paren(&tokens, 0), Some(7));
        assert_eq!(closing_paren(&words("(a"), 0), None);
    }
}
