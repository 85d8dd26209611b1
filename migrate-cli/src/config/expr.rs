//! The expressions of a config module, read from its tokens without running
//! anything: literals, object and array literals, names (`process.env.X`),
//! calls (`env("X")`), and `??` / `||`. Whatever else a value is written
//! with (a function, a spread, another operator) is kept as
//! [`Expr::Code`] with a description, so that it is reported where it is
//! used, never guessed at.

use super::tokens::{Piece, Tok, Token};
use super::Location;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub expr: Expr,
    pub at: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Str(String),
    Template(Vec<Part>),
    /// A literal migrate has no use for (a number, `true`, `null`), described.
    Literal(&'static str),
    /// Properties in order; a later one with the same name wins, as in JS.
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    /// `a.b.c`, `a["b"]`.
    Name(Vec<String>),
    Call {
        callee: Vec<String>,
        args: Vec<Node>,
    },
    /// `left ?? right` or `left || right`.
    Fallback {
        op: &'static str,
        left: Box<Node>,
        right: Box<Node>,
    },
    /// Code migrate does not run, described ("a function", "a spread", ...).
    Code(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Expr(Node),
}

/// What a config module declares at its top level.
#[derive(Debug, Default)]
pub struct Module {
    /// `export default ...` or `module.exports = ...`.
    pub default: Option<Node>,
    /// `const NAME = ...` (and `let`, `var`), by name.
    pub bindings: HashMap<String, Node>,
    /// Where the module loads a `.env` file by `dotenv` (`import
    /// "dotenv/config"`, `config()`, `dotenv.config({ path })`): the
    /// argument object of the call, if any.
    pub dotenv: Vec<(Location, Option<Node>)>,
}

pub fn read_module(tokens: &[Token]) -> Module {
    let mut parser = Parser { tokens, pos: 0 };
    let mut module = Module::default();
    let mut dotenv_names: Vec<String> = Vec::new();
    while parser.pos < tokens.len() {
        let at = parser.at();
        if parser.eat_ident("import") {
            if let Some(Tok::Str(source)) = parser.peek() {
                if source == "dotenv/config" {
                    module.dotenv.push((at, None));
                }
                parser.pos += 1;
                continue;
            }
            let mut names = Vec::new();
            while let Some(tok) = parser.next() {
                match tok {
                    Tok::Ident(name) if name != "from" && name != "type" && name != "as" => names.push(name.clone()),
                    Tok::Str(source) => {
                        if source == "dotenv" {
                            dotenv_names.extend(names);
                        }
                        break;
                    }
                    _ => {}
                }
            }
        } else if parser.eat_ident("export") && parser.eat_ident("default") {
            module.default = Some(parser.expr());
        } else if parser.eat_ident("module") {
            if parser.eat_punct(".") && parser.eat_ident("exports") && parser.eat_punct("=") {
                module.default = Some(parser.expr());
            }
        } else if parser.eat_ident("const") || parser.eat_ident("let") || parser.eat_ident("var") {
            if let Some(Tok::Ident(name)) = parser.peek().cloned() {
                parser.pos += 1;
                if parser.eat_punct(":") {
                    parser.skip_type();
                }
                if parser.eat_punct("=") {
                    if parser.is_dotenv_require() {
                        dotenv_names.push(name.clone());
                    }
                    let value = parser.expr();
                    module.bindings.insert(name, value);
                }
            }
        } else if let Some(call) = parser.dotenv_call(&dotenv_names) {
            module.dotenv.push(call);
        } else {
            parser.skip_one();
        }
    }
    module
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + ahead).map(|t| &t.tok)
    }

    fn next(&mut self) -> Option<&Tok> {
        let tok = self.tokens.get(self.pos).map(|t| &t.tok);
        self.pos += 1;
        tok
    }

    fn at(&self) -> Location {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(Location { line: 1, col: 1 }, |t| t.at)
    }

    fn eat_punct(&mut self, p: &str) -> bool {
        let found = matches!(self.peek(), Some(Tok::Punct(q)) if *q == p);
        self.pos += usize::from(found);
        found
    }

    fn eat_ident(&mut self, word: &str) -> bool {
        let found = matches!(self.peek(), Some(Tok::Ident(w)) if w == word);
        self.pos += usize::from(found);
        found
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    /// `require("dotenv")` or `require("dotenv/config")` comes next.
    fn is_dotenv_require(&self) -> bool {
        matches!(
            (self.peek(), self.peek_at(1), self.peek_at(2)),
            (Some(Tok::Ident(r)), Some(Tok::Punct("(")), Some(Tok::Str(s))) if r == "require" && (s == "dotenv" || s == "dotenv/config")
        )
    }

    /// A statement that loads `.env` by dotenv: `config(...)` (imported from
    /// "dotenv"), `dotenv.config(...)`, `require("dotenv").config(...)`,
    /// `require("dotenv/config")`.
    fn dotenv_call(&mut self, dotenv_names: &[String]) -> Option<(Location, Option<Node>)> {
        let start = self.pos;
        let at = self.at();
        if self.is_dotenv_require() {
            let node = self.postfix();
            if let Expr::Call { callee, args } = node.expr {
                let is_config = callee.first().is_some_and(|c| c == "require(dotenv/config)")
                    || callee.last().is_some_and(|c| c == "config");
                if is_config {
                    return Some((at, args.into_iter().next()));
                }
            }
            self.pos = start + 1;
            return None;
        }
        let Some(Tok::Ident(first)) = self.peek() else {
            return None;
        };
        if !dotenv_names.contains(first) {
            return None;
        }
        let node = self.postfix();
        match node.expr {
            Expr::Call { callee, args }
                if callee.len() <= 2 && callee.last().is_some_and(|c| c == "config" || callee.len() == 1) =>
            {
                Some((at, args.into_iter().next()))
            }
            _ => {
                self.pos = start + 1;
                None
            }
        }
    }

    /// An expression, with `??` and `||`, and TypeScript's `as T` /
    /// `satisfies T` after it (types are skipped).
    fn expr(&mut self) -> Node {
        let mut left = self.postfix();
        loop {
            if self.eat_ident("as") || self.eat_ident("satisfies") {
                self.skip_type();
                continue;
            }
            let op = match self.peek() {
                Some(Tok::Punct(op @ ("??" | "||"))) => *op,
                Some(Tok::Punct(op)) if !is_delimiter(op) => {
                    let at = left.at;
                    let what = if *op == "?" {
                        "a `? :` choice".to_string()
                    } else {
                        format!("the `{op}` operator")
                    };
                    self.skip_to_delimiter();
                    return Node {
                        expr: Expr::Code(what),
                        at,
                    };
                }
                _ => return left,
            };
            self.pos += 1;
            let right = self.postfix();
            let at = left.at;
            left = Node {
                expr: Expr::Fallback {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                at,
            };
        }
    }

    /// A primary expression with its member accesses and calls.
    fn postfix(&mut self) -> Node {
        let mut node = self.primary();
        loop {
            if self.is_punct("!") {
                // TypeScript's non-null assertion.
                self.pos += 1;
                continue;
            }
            let Expr::Name(path) = &node.expr else { break };
            if self.eat_punct(".") || self.eat_punct("?.") {
                match self.next().cloned() {
                    Some(Tok::Ident(member)) => {
                        let mut path = path.clone();
                        path.push(member);
                        node.expr = Expr::Name(path);
                    }
                    _ => return code(node.at, "a member access migrate cannot read"),
                }
            } else if self.is_punct("[") {
                match (self.peek_at(1).cloned(), self.peek_at(2)) {
                    (Some(Tok::Str(member)), Some(Tok::Punct("]"))) => {
                        self.pos += 3;
                        let mut path = path.clone();
                        path.push(member);
                        node.expr = Expr::Name(path);
                    }
                    _ => {
                        self.skip_group();
                        return code(node.at, "a computed member (`x[...]`)");
                    }
                }
            } else if self.is_punct("(") || (self.is_punct("<") && self.generic_call_follows()) {
                if self.is_punct("<") {
                    self.skip_group();
                }
                let callee = path.clone();
                let args = self.list(")");
                let callee = match (callee.as_slice(), args.first()) {
                    // `require("x")` is named by its module, so that
                    // `require("dotenv").config()` reads as one callee.
                    ([r], Some(Node { expr: Expr::Str(m), .. })) if r == "require" => {
                        vec![format!("require({m})")]
                    }
                    _ => callee,
                };
                node.expr = Expr::Call { callee, args };
                // A call's result is only read further as `require(..).config(..)`.
                if let (Some(Tok::Punct(".")), Some(Tok::Ident(m)), Expr::Call { callee, .. }) =
                    (self.peek(), self.peek_at(1), &node.expr)
                {
                    if callee.len() == 1 && callee[0].starts_with("require(") {
                        let mut path = callee.clone();
                        path.push(m.clone());
                        self.pos += 2;
                        node.expr = Expr::Name(path);
                    }
                }
            } else {
                break;
            }
        }
        node
    }

    /// `<...>(` comes next: TypeScript type arguments of a call.
    fn generic_call_follows(&self) -> bool {
        let mut depth = 0usize;
        for (i, token) in self.tokens[self.pos..].iter().enumerate() {
            match token.tok {
                Tok::Punct("<") => depth += 1,
                Tok::Punct(">") => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(self.peek_at(i + 1), Some(Tok::Punct("(")));
                    }
                }
                Tok::Punct(";" | "{" | "}" | ")") => return false,
                _ => {}
            }
        }
        false
    }

    fn primary(&mut self) -> Node {
        let at = self.at();
        let Some(tok) = self.peek().cloned() else {
            return code(at, "nothing");
        };
        match tok {
            Tok::Str(s) => {
                self.pos += 1;
                Node { expr: Expr::Str(s), at }
            }
            Tok::Template(pieces) => {
                self.pos += 1;
                let parts = pieces
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Text(t) => Part::Text(t),
                        Piece::Expr(tokens) => {
                            let mut inner = Parser {
                                tokens: &tokens,
                                pos: 0,
                            };
                            let node = inner.expr();
                            if inner.pos < tokens.len() {
                                Part::Expr(code(node.at, "code migrate cannot read"))
                            } else {
                                Part::Expr(node)
                            }
                        }
                    })
                    .collect();
                Node {
                    expr: Expr::Template(parts),
                    at,
                }
            }
            Tok::Num(_) => {
                self.pos += 1;
                Node {
                    expr: Expr::Literal("a number"),
                    at,
                }
            }
            Tok::Punct("{") => self.object(),
            Tok::Punct("[") => {
                let items = self.list("]");
                match items
                    .iter()
                    .find(|n| matches!(&n.expr, Expr::Code(w) if w == "a spread"))
                {
                    Some(spread) => code(spread.at, "a spread"),
                    None => Node {
                        expr: Expr::Array(items),
                        at,
                    },
                }
            }
            Tok::Punct("(") => {
                let close = self.group_end();
                if matches!(self.tokens.get(close + 1).map(|t| &t.tok), Some(Tok::Punct("=>"))) {
                    self.skip_to_delimiter();
                    return code(at, "a function");
                }
                self.pos += 1;
                let inner = self.expr();
                if !self.eat_punct(")") {
                    self.pos = close + 1;
                    return code(at, "code migrate cannot read");
                }
                inner
            }
            Tok::Punct("...") => {
                self.pos += 1;
                self.postfix();
                code(at, "a spread")
            }
            Tok::Ident(word) => {
                self.pos += 1;
                match word.as_str() {
                    "true" | "false" => Node {
                        expr: Expr::Literal("a boolean"),
                        at,
                    },
                    "null" | "undefined" => Node {
                        expr: Expr::Literal("nothing"),
                        at,
                    },
                    "function" | "async" | "class" => {
                        self.skip_to_delimiter();
                        code(at, "a function")
                    }
                    "new" | "await" | "typeof" | "void" => {
                        self.skip_to_delimiter();
                        code(at, &format!("`{word}`"))
                    }
                    _ if self.is_punct("=>") => {
                        self.skip_to_delimiter();
                        code(at, "a function")
                    }
                    _ => Node {
                        expr: Expr::Name(vec![word]),
                        at,
                    },
                }
            }
            Tok::Punct(_) => {
                self.skip_to_delimiter();
                code(at, "code migrate cannot read")
            }
        }
    }

    fn object(&mut self) -> Node {
        let at = self.at();
        let close = self.group_end();
        self.pos += 1;
        let mut props = Vec::new();
        let mut unreadable = None;
        while self.pos < close {
            if self.eat_punct(",") {
                continue;
            }
            let key_at = self.at();
            let key = match self.next().cloned() {
                Some(Tok::Ident(k) | Tok::Str(k) | Tok::Num(k)) => k,
                Some(Tok::Punct("...")) => {
                    unreadable.get_or_insert((key_at, "a spread"));
                    self.skip_to_delimiter();
                    continue;
                }
                Some(Tok::Punct("[")) => {
                    unreadable.get_or_insert((key_at, "a computed property name"));
                    self.skip_to_delimiter();
                    continue;
                }
                _ => {
                    self.skip_to_delimiter();
                    continue;
                }
            };
            let value = if self.eat_punct(":") {
                self.expr()
            } else if self.is_punct("(") || matches!(self.peek(), Some(Tok::Ident(_))) {
                // A method (`seed() {...}`, `async url() {...}`).
                self.skip_to_delimiter();
                code(key_at, "a function")
            } else {
                // Shorthand `{ datasource }`.
                Node {
                    expr: Expr::Name(vec![key.clone()]),
                    at: key_at,
                }
            };
            props.push((key, value));
            if !matches!(self.peek(), Some(Tok::Punct("," | "}"))) {
                self.skip_to_delimiter();
            }
        }
        self.pos = close + 1;
        match unreadable {
            Some((at, what)) => code(at, what),
            None => Node {
                expr: Expr::Object(props),
                at,
            },
        }
    }

    /// Comma-separated expressions up to `close` (the opener is next).
    fn list(&mut self, close: &str) -> Vec<Node> {
        let end = self.group_end();
        self.pos += 1;
        let mut items = Vec::new();
        while self.pos < end {
            if self.eat_punct(",") {
                continue;
            }
            items.push(self.expr());
            if !matches!(self.peek(), Some(Tok::Punct(p)) if *p == "," || *p == close) {
                self.skip_to_delimiter();
            }
        }
        self.pos = end + 1;
        items
    }

    /// The index of the token closing the group that opens at the current
    /// token (the last token if it is never closed).
    fn group_end(&self) -> usize {
        let angle = self.is_punct("<");
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(self.pos) {
            match token.tok {
                Tok::Punct("<") if angle => depth += 1,
                Tok::Punct(">") if angle => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                Tok::Punct("{" | "(" | "[") if !angle => depth += 1,
                Tok::Punct("}" | ")" | "]") if !angle => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.tokens.len().saturating_sub(1).max(self.pos)
    }

    fn skip_group(&mut self) {
        self.pos = self.group_end() + 1;
    }

    /// One token, or a whole bracketed group.
    fn skip_one(&mut self) {
        if matches!(self.peek(), Some(Tok::Punct("{" | "(" | "["))) {
            self.skip_group();
        } else {
            self.pos += 1;
        }
    }

    /// Up to (not past) the next `,` `;` or closing bracket at this depth.
    fn skip_to_delimiter(&mut self) {
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Punct("," | ";" | "}" | ")" | "]") => return,
                _ => self.skip_one(),
            }
        }
    }

    /// A type annotation: up to the next `=`, `,`, `;` or closing bracket,
    /// type arguments and object types included.
    fn skip_type(&mut self) {
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Punct("," | ";" | "}" | ")" | "]" | "=") => return,
                Tok::Punct("<") => self.skip_group(),
                Tok::Punct("??" | "||") => return,
                _ => self.skip_one(),
            }
        }
    }
}

fn is_delimiter(p: &str) -> bool {
    matches!(p, "," | ";" | "}" | ")" | "]" | "?.")
}

fn code(at: Location, what: &str) -> Node {
    Node {
        expr: Expr::Code(what.to_string()),
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tokens::tokenize;

    fn module(text: &str) -> Module {
        read_module(&tokenize(text).unwrap())
    }

    fn default_of(text: &str) -> Expr {
        module(text).default.unwrap().expr
    }

    fn prop<'a>(expr: &'a Expr, key: &str) -> &'a Expr {
        let Expr::Object(props) = expr else {
            panic!("not an object: {expr:?}")
        };
        &props.iter().rev().find(|(k, _)| k == key).unwrap().1.expr
    }

    #[test]
    fn reads_define_config_with_env_reads() {
        let text = r#"
            import "dotenv/config";
            import { defineConfig, env } from "prisma/config";
            export default defineConfig({
              schema: 'prisma/schema.prisma',
              migrations: { path: "prisma/migrations", seed: `tsx prisma/seed.ts`, },
              datasource: {
                url: env<Env>("DATABASE_URL"),
                shadowDatabaseUrl: process.env["SHADOW"] ?? process.env.DATABASE_URL!,
              },
            }) satisfies PrismaConfig;
        "#;
        let m = module(text);
        assert_eq!(m.dotenv.len(), 1);
        let Expr::Call { callee, args } = m.default.unwrap().expr else {
            panic!()
        };
        assert_eq!(callee, ["defineConfig"]);
        let config = &args[0].expr;
        assert_eq!(prop(config, "schema"), &Expr::Str("prisma/schema.prisma".into()));
        let datasource = prop(config, "datasource");
        let Expr::Call { callee, args } = prop(datasource, "url") else {
            panic!()
        };
        assert_eq!(
            (callee.as_slice(), &args[0].expr),
            (&["env".to_string()][..], &Expr::Str("DATABASE_URL".into()))
        );
        let Expr::Fallback { op, left, right } = prop(datasource, "shadowDatabaseUrl") else {
            panic!()
        };
        assert_eq!(*op, "??");
        assert_eq!(
            left.expr,
            Expr::Name(vec!["process".into(), "env".into(), "SHADOW".into()])
        );
        assert_eq!(
            right.expr,
            Expr::Name(vec!["process".into(), "env".into(), "DATABASE_URL".into()])
        );
    }

    #[test]
    fn code_is_described_not_run() {
        let config = default_of("export default { a: getUrl(), b: () => 'x', c: 'a' + 'b', d: x ? 'y' : 'z', e: [...xs], f: { ...base, g: 1 } }");
        assert_eq!(prop(&config, "b"), &Expr::Code("a function".into()));
        assert_eq!(prop(&config, "c"), &Expr::Code("the `+` operator".into()));
        assert_eq!(prop(&config, "d"), &Expr::Code("a `? :` choice".into()));
        assert_eq!(prop(&config, "e"), &Expr::Code("a spread".into()));
        assert_eq!(prop(&config, "f"), &Expr::Code("a spread".into()));
        assert!(matches!(prop(&config, "a"), Expr::Call { .. }));
    }

    #[test]
    fn reads_bindings_commonjs_and_dotenv_calls() {
        let m = module("const dotenv = require('dotenv');\ndotenv.config({ path: '.env.local' });\nconst config: PrismaConfig = { schema: 's.prisma' };\nmodule.exports = config;");
        assert_eq!(m.default.unwrap().expr, Expr::Name(vec!["config".into()]));
        assert!(m.bindings.contains_key("config"));
        assert_eq!(m.dotenv.len(), 1);
        assert!(matches!(m.dotenv[0].1.as_ref().unwrap().expr, Expr::Object(_)));
        let m = module("import { config } from 'dotenv'\nconfig()\nrequire('dotenv/config')\nexport default {}");
        assert_eq!(m.dotenv.len(), 2);
        let m = module("import { config as other } from 'x'\nconfig()\nexport default {}");
        assert_eq!(m.dotenv.len(), 0);
    }
}
