//! Recursive-descent parser from tokens to [`SchemaFile`]. It recovers at the
//! end of each line, so one run reports every syntax error of a file.
//!
//! Comments are kept for the formatter. A `/* ... */` comment may stand
//! wherever whitespace may: on its own lines and at the end of a line it is
//! read like a `//` comment; between two tokens of a line (`a /* x */ b`,
//! which Prisma 6 refuses) it is moved to a comment line above the member it
//! was in, as `//` comments inside multi-line argument lists are.

use super::ast::*;
use super::diagnostics::{Diagnostics, FileId, Span};
use super::lexer::{lex, Tok, Token};

/// How deeply lists and calls may nest in one value (`[[...]]`, `f(g(...))`).
/// Real schemas nest three or four levels; the bound keeps the recursive
/// descent far from the end of the stack on any input.
pub const MAX_NESTING: usize = 32;

/// Parses one file (`file` is its [`FileId`]) into its syntax tree. Never fails: every syntax
/// error goes to `diags`, and the tree holds what could be read.
pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> SchemaFile {
    let tokens = report_errors_within(lex(file, text), diags);
    let (tokens, inner_comments) = take_inner_comments(tokens);
    let eof = Span::new(file, text.len(), text.len());
    let mut p = Parser {
        tokens,
        pos: 0,
        eof,
        diags,
        stray: Vec::new(),
        inner_comments: inner_comments.into_iter(),
        depth: 0,
    };
    p.report_lex_errors();
    p.schema()
}

struct Parser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    eof: Span,
    diags: &'a mut Diagnostics,
    /// Comments met inside argument lists and arrays, with the index of the
    /// token they came before, written out as comment lines above the member
    /// they were in, so the formatter keeps them.
    stray: Vec<(usize, String)>,
    /// Block comments taken out from between two tokens of a line, in order,
    /// each with the index of the token it came before.
    inner_comments: std::vec::IntoIter<(usize, String)>,
    /// How many values enclose the one being parsed.
    depth: usize,
}

/// Reports the mistakes inside tokens that stand (an unknown escape in a
/// string), and takes them out of the stream.
fn report_errors_within(mut tokens: Vec<Token>, diags: &mut Diagnostics) -> Vec<Token> {
    // In place: the token list is the largest thing parsing holds.
    tokens.retain_mut(|t| match &mut t.tok {
        Tok::ErrorWithin(message) => {
            diags.error(t.span, std::mem::take(message));
            false
        }
        _ => true,
    });
    tokens
}

/// Splits off the block comments that stand between two other tokens of the
/// same line: the grammar never sees them. Returns the remaining tokens and
/// the comments, each with the index (in the remaining tokens) of the token
/// it came before.
fn take_inner_comments(mut tokens: Vec<Token>) -> (Vec<Token>, Vec<(usize, String)>) {
    let is_code = |t: &Token| {
        !matches!(
            t.tok,
            Tok::Newline | Tok::Comment(_) | Tok::DocComment(_) | Tok::BlockComment(_)
        )
    };
    // For each token: does code follow it before the end of its line?
    let mut code_after = vec![false; tokens.len()];
    let mut seen = false;
    for (i, t) in tokens.iter().enumerate().rev() {
        code_after[i] = seen;
        seen = if t.tok == Tok::Newline {
            false
        } else {
            seen || is_code(t)
        };
    }
    let mut inner = Vec::new();
    let (mut code_before, mut at, mut kept) = (false, 0, 0);
    // In place, as `report_errors_within`; `retain_mut` visits each token
    // once, in order.
    tokens.retain_mut(|t| {
        let after = code_after[at];
        at += 1;
        match &mut t.tok {
            Tok::BlockComment(text) if code_before && after => {
                inner.push((kept, std::mem::take(text)));
                return false;
            }
            Tok::Newline => code_before = false,
            _ => code_before |= is_code(t),
        }
        kept += 1;
        true
    });
    (tokens, inner)
}

/// A number token that can start a name: digits (and letters, as in
/// `1e3`), no sign or decimal point.
fn is_name_like(number: &str) -> bool {
    number.chars().all(|c| c.is_ascii_alphanumeric())
}

const TOP_KEYWORDS: [(&str, BlockKind); 6] = [
    ("datasource", BlockKind::Datasource),
    ("generator", BlockKind::Generator),
    ("model", BlockKind::Model),
    ("view", BlockKind::View),
    ("enum", BlockKind::Enum),
    ("type", BlockKind::Type),
];

impl Parser<'_> {
    fn report_lex_errors(&mut self) {
        let errors: Vec<_> = self
            .tokens
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Error(msg) => Some((t.span, msg.clone())),
                _ => None,
            })
            .collect();
        for (span, msg) in errors {
            self.diags.error(span, msg);
        }
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + n).map(|t| &t.tok)
    }

    fn span(&self) -> Span {
        self.tokens.get(self.pos).map_or(self.eof, |t| t.span)
    }

    fn prev_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(self.eof, |t| t.span)
    }

    fn at(&self, tok: &Tok) -> bool {
        self.peek() == Some(tok)
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        let hit = self.at(tok);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn ident(&mut self) -> Option<Ident> {
        match self.peek() {
            Some(Tok::Ident(name)) => {
                let ident = Ident {
                    name: name.clone(),
                    span: self.span(),
                };
                self.pos += 1;
                Some(ident)
            }
            _ => None,
        }
    }

    /// A declared name (of a block, field or enum value): an identifier, or
    /// a name starting with digits (`1A`, `2`), which the lexer reads as a
    /// number and the word right after it. The validator refuses the
    /// latter, as Prisma does, with the whole name where it stands.
    fn name(&mut self) -> Option<Ident> {
        let Some(Tok::Number(digits)) = self.peek() else {
            return self.ident();
        };
        if !is_name_like(digits) {
            return None;
        }
        let mut ident = Ident {
            name: digits.clone(),
            span: self.span(),
        };
        self.pos += 1;
        if let Some(Tok::Ident(rest)) = self.peek() {
            let next = self.span();
            if next.start == ident.span.end {
                ident.name.push_str(rest);
                ident.span = ident.span.to(next);
                self.pos += 1;
            }
        }
        Some(ident)
    }

    /// Skips to the end of the current line (not past a closing brace).
    fn skip_line(&mut self) {
        let mut depth = 0i32;
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Newline if depth <= 0 => return,
                Tok::RBrace if depth <= 0 => return,
                Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn schema(&mut self) -> SchemaFile {
        let mut items = Vec::new();
        let mut doc = Vec::new();
        let mut line_empty = true;
        while let Some(tok) = self.peek().cloned() {
            match tok {
                Tok::Newline => {
                    self.pos += 1;
                    // Doc comments a blank line parts from the next block
                    // document nothing: they stay comment lines where they
                    // are, as Prisma 6.19.3's formatter keeps them.
                    if line_empty && !doc.is_empty() {
                        items.extend(doc.drain(..).map(|d: String| TopItem::Comment(doc_as_comment(&d))));
                    }
                    if line_empty && !matches!(items.last(), None | Some(TopItem::Blank)) {
                        items.push(TopItem::Blank);
                    }
                    line_empty = true;
                    continue;
                }
                Tok::Comment(_) | Tok::BlockComment(_) => {
                    self.pos += 1;
                    items.extend(comment_text(&tok).map(TopItem::Comment));
                }
                Tok::DocComment(text) => {
                    self.pos += 1;
                    doc.push(text);
                }
                // Reported by the lexer already.
                Tok::Error(_) => self.pos += 1,
                Tok::Ident(word) => match TOP_KEYWORDS.iter().find(|(k, _)| *k == word) {
                    Some((_, kind)) => {
                        let block = self.block(*kind, std::mem::take(&mut doc));
                        items.extend(block.map(TopItem::Block));
                    }
                    None => self.invalid_top_line(),
                },
                _ => self.invalid_top_line(),
            }
            items.extend(self.take_stray().into_iter().map(TopItem::Comment));
            line_empty = false;
        }
        while matches!(items.last(), Some(TopItem::Blank)) {
            items.pop();
        }
        items.extend(doc.iter().map(|d| TopItem::Comment(doc_as_comment(d))));
        SchemaFile { items }
    }

    /// The comments met inside the values parsed so far, in source order.
    fn take_stray(&mut self) -> Vec<String> {
        let pos = self.pos;
        while let Some(next) = self.inner_comments.as_slice().first() {
            if next.0 >= pos {
                break;
            }
            self.stray.extend(self.inner_comments.next());
        }
        self.stray.sort_by_key(|(at, _)| *at);
        self.stray.drain(..).map(|(_, text)| text).collect()
    }

    /// Whether the tokens here open a block: `keyword Name {`.
    fn at_block_start(&self) -> bool {
        let keyword = matches!(self.peek(), Some(Tok::Ident(w)) if TOP_KEYWORDS.iter().any(|(k, _)| k == w));
        keyword && matches!(self.peek_at(1), Some(Tok::Ident(_))) && self.peek_at(2) == Some(&Tok::LBrace)
    }

    fn invalid_top_line(&mut self) {
        let start = self.span();
        self.skip_line();
        if self.at(&Tok::RBrace) {
            self.pos += 1;
        }
        let span = start.to(self.prev_span());
        self.diags.error(
            span,
            "This line is invalid. It does not start with any known Prisma schema keyword.",
        );
    }

    fn block(&mut self, kind: BlockKind, doc: Vec<String>) -> Option<Block> {
        let start = self.span();
        self.pos += 1;
        let Some(name) = self.name() else {
            self.diags
                .error(self.span(), format!("A {} needs a name.", kind.keyword()));
            self.skip_block_or_line();
            return None;
        };
        if !self.eat(&Tok::LBrace) {
            self.diags.error(
                self.span(),
                format!("Expected `{{` after `{} {}`.", kind.keyword(), name.name),
            );
            self.skip_block_or_line();
            return None;
        }
        let members = self.members(kind, start.to(name.span));
        let end = self.prev_span();
        Some(Block {
            kind,
            name,
            doc,
            members,
            span: start.to(end),
        })
    }

    fn skip_block_or_line(&mut self) {
        self.skip_line();
        if self.at(&Tok::RBrace) {
            self.pos += 1;
        }
    }

    /// `opener` is the block's `keyword Name`, where a missing `}` is reported.
    fn members(&mut self, kind: BlockKind, opener: Span) -> Vec<Member> {
        let mut members = Vec::new();
        let mut doc = Vec::new();
        let mut line_empty = true;
        loop {
            let unclosed = match self.peek() {
                None => true,
                // `model Next {` at the start of a line: this block was never closed.
                Some(_) => line_empty && self.at_block_start(),
            };
            if unclosed {
                self.diags.error(opener, "This block is missing its closing `}`.");
                break;
            }
            let Some(tok) = self.peek().cloned() else { break };
            match tok {
                Tok::RBrace => {
                    members.extend(self.take_stray().into_iter().map(Member::Comment));
                    self.pos += 1;
                    members.extend(doc.drain(..).map(|d: String| Member::Comment(doc_as_comment(&d))));
                    break;
                }
                Tok::Newline => {
                    self.pos += 1;
                    let after_content = !matches!(members.last(), None | Some(Member::Blank));
                    if line_empty && after_content && doc.is_empty() {
                        members.push(Member::Blank);
                    }
                    line_empty = true;
                    continue;
                }
                Tok::Comment(_) | Tok::BlockComment(_) => {
                    self.pos += 1;
                    members.extend(comment_text(&tok).map(Member::Comment));
                }
                Tok::DocComment(text) => {
                    self.pos += 1;
                    doc.push(text);
                }
                // Reported by the lexer already.
                Tok::Error(_) => self.pos += 1,
                Tok::AtAt => {
                    // Comments inside a block attribute become comment lines
                    // above it (and above its doc comments, which document
                    // nothing and become comments too), so that the formatter
                    // moves them with the attribute; the comment at the end
                    // of its line stays there.
                    let mut attr = self.attribute();
                    members.extend(self.take_stray().into_iter().map(Member::Comment));
                    let trailing = self.trailing_comment();
                    match attr.as_mut() {
                        Some(attr) => attr.comment = trailing,
                        None => members.extend(trailing.map(Member::Comment)),
                    }
                    members.extend(doc.drain(..).map(|d: String| Member::Comment(doc_as_comment(&d))));
                    members.extend(attr.map(Member::Attribute));
                    self.end_of_line(&mut members);
                }
                Tok::Ident(_) => self.member(kind, &mut doc, &mut members),
                // A field or enum value named with leading digits (`1A`).
                Tok::Number(n) if is_name_like(&n) && !matches!(kind, BlockKind::Datasource | BlockKind::Generator) => {
                    self.member(kind, &mut doc, &mut members)
                }
                _ => {
                    let start = self.span();
                    self.skip_line();
                    self.diags.error(
                        start.to(self.prev_span()),
                        "This line is not a valid definition within this block.",
                    );
                }
            }
            line_empty = false;
        }
        while matches!(members.last(), Some(Member::Blank)) {
            members.pop();
        }
        members
    }

    /// One field, enum value or property, with the comments around it.
    fn member(&mut self, kind: BlockKind, doc: &mut Vec<String>, members: &mut Vec<Member>) {
        let doc = std::mem::take(doc);
        let member = match kind {
            BlockKind::Datasource | BlockKind::Generator => self.property(doc).map(Member::Property),
            BlockKind::Enum => self.enum_value(doc).map(Member::Value),
            _ => self.field(doc).map(Member::Field),
        };
        members.extend(self.take_stray().into_iter().map(Member::Comment));
        members.extend(member);
        self.end_of_line(members);
    }

    /// After a member: a trailing comment attaches to it; anything else on
    /// the line is an error.
    fn end_of_line(&mut self, members: &mut Vec<Member>) {
        if let Some(text) = self.trailing_comment() {
            set_trailing_comment(members, text);
        }
        match self.peek() {
            None | Some(Tok::Newline) | Some(Tok::RBrace) => {}
            Some(_) => {
                let start = self.span();
                self.skip_line();
                self.diags
                    .error(start.to(self.prev_span()), "Unexpected text at the end of this line.");
            }
        }
    }

    /// The comments ending the line (`// x`, `/// x`, `/* x */`), as
    /// written, one space between them.
    fn trailing_comment(&mut self) -> Option<String> {
        let mut texts = Vec::new();
        while let Some(text) = self.peek().and_then(comment_text) {
            texts.push(text);
            self.pos += 1;
        }
        (!texts.is_empty()).then(|| texts.join(" "))
    }

    fn property(&mut self, doc: Vec<String>) -> Option<Property> {
        let key = self.ident()?;
        if !self.eat(&Tok::Equals) {
            self.diags.error(
                key.span,
                format!("Property `{}` needs a value: `{} = ...`.", key.name, key.name),
            );
            self.skip_line();
            return None;
        }
        let value = self.expr()?;
        let span = key.span.to(value.span());
        Some(Property {
            key,
            value,
            doc,
            comment: None,
            span,
        })
    }

    fn enum_value(&mut self, doc: Vec<String>) -> Option<EnumValue> {
        let name = self.name()?;
        let attributes = self.field_attributes();
        let end = attributes.last().map_or(name.span, |a| a.span);
        Some(EnumValue {
            span: name.span.to(end),
            name,
            attributes,
            doc,
            comment: None,
        })
    }

    fn field(&mut self, doc: Vec<String>) -> Option<Field> {
        let name = self.name()?;
        let ty = match self.peek() {
            Some(Tok::Ident(_)) => self.field_type()?,
            _ => {
                self.diags.error(
                    name.span,
                    format!(
                        "This field declaration is invalid. The field `{}` is missing a type.",
                        name.name
                    ),
                );
                self.skip_line();
                return None;
            }
        };
        let arity = if self.eat(&Tok::Question) {
            Arity::Optional
        } else if self.at(&Tok::LBracket) && self.peek_at(1) == Some(&Tok::RBracket) {
            self.pos += 2;
            if self.at(&Tok::Question) {
                self.diags.error(
                    self.span(),
                    "Optional lists are not supported. Use either `Type[]` or `Type?`.",
                );
                self.pos += 1;
            }
            Arity::List
        } else {
            Arity::Required
        };
        let attributes = self.field_attributes();
        let end = attributes.last().map_or(self.prev_span(), |a| a.span);
        Some(Field {
            span: name.span.to(end),
            name,
            ty,
            arity,
            attributes,
            doc,
            comment: None,
        })
    }

    fn field_type(&mut self) -> Option<FieldTypeExpr> {
        let ty = self.ident()?;
        if !self.at(&Tok::LParen) {
            return Some(FieldTypeExpr::Named(ty));
        }
        let args = self.args()?;
        let span = ty.span.to(self.prev_span());
        match (ty.name.as_str(), args.as_slice()) {
            (
                "Unsupported",
                [Arg {
                    name: None,
                    value: Expr::String(s, _),
                    ..
                }],
            ) => Some(FieldTypeExpr::Unsupported(s.clone(), span)),
            ("Unsupported", _) => {
                self.diags
                    .error(span, "`Unsupported` takes one string: `Unsupported(\"type\")`.");
                None
            }
            _ => {
                self.diags
                    .error(span, format!("Type `{}` does not take arguments.", ty.name));
                None
            }
        }
    }

    fn field_attributes(&mut self) -> Vec<Attribute> {
        let mut attrs = Vec::new();
        while self.at(&Tok::At) {
            match self.attribute() {
                Some(a) => attrs.push(a),
                None => break,
            }
        }
        attrs
    }

    /// `@name`, `@@name`, `@db.Name`, each with optional `(args)`.
    fn attribute(&mut self) -> Option<Attribute> {
        let start = self.span();
        self.pos += 1;
        let Some(mut name) = self.ident() else {
            self.diags.error(self.span(), "An attribute needs a name after `@`.");
            self.skip_line();
            return None;
        };
        while self.at(&Tok::Dot) {
            self.pos += 1;
            match self.ident() {
                Some(part) => {
                    name.name = format!("{}.{}", name.name, part.name);
                    name.span = name.span.to(part.span);
                }
                None => {
                    self.diags.error(self.span(), "Expected a name after `.`.");
                    self.skip_line();
                    return None;
                }
            }
        }
        let parens = self.at(&Tok::LParen);
        let args = if parens { self.args()? } else { Vec::new() };
        Some(Attribute {
            name,
            args,
            parens,
            span: start.to(self.prev_span()),
            comment: None,
        })
    }

    fn skip_newlines(&mut self) {
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Newline => {}
                tok => match comment_text(tok) {
                    Some(text) => self.stray.push((self.pos, text)),
                    None => return,
                },
            }
            self.pos += 1;
        }
    }

    /// `( arg, name: arg, ... )`; newlines allowed inside.
    fn args(&mut self) -> Option<Vec<Arg>> {
        let open = self.span();
        self.pos += 1;
        let mut args = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat(&Tok::RParen) {
                return Some(args);
            }
            let name = match (self.peek(), self.peek_at(1)) {
                (Some(Tok::Ident(_)), Some(Tok::Colon)) => {
                    let n = self.ident();
                    self.pos += 1;
                    n
                }
                _ => None,
            };
            self.skip_newlines();
            let value = self.expr()?;
            let start = name.as_ref().map_or(value.span(), |n| n.span);
            args.push(Arg {
                span: start.to(value.span()),
                name,
                value,
            });
            self.skip_newlines();
            if !self.eat(&Tok::Comma) && !self.at(&Tok::RParen) {
                self.diags
                    .error(self.span(), "Expected `,` or `)` in this argument list.");
                self.skip_line();
                let _ = open;
                return None;
            }
        }
    }

    fn expr(&mut self) -> Option<Expr> {
        if self.depth >= MAX_NESTING {
            self.diags.error(
                self.span(),
                format!("This value nests lists and calls more than {MAX_NESTING} levels deep."),
            );
            self.skip_line();
            return None;
        }
        self.depth += 1;
        let expr = self.nested_expr();
        self.depth -= 1;
        expr
    }

    fn nested_expr(&mut self) -> Option<Expr> {
        let span = self.span();
        match self.peek().cloned() {
            Some(Tok::Str(value, raw)) => {
                self.pos += 1;
                Some(Expr::String(StringLit { value, raw }, span))
            }
            Some(Tok::Number(n)) => {
                self.pos += 1;
                Some(Expr::Number(n, span))
            }
            Some(Tok::Ident(_)) => self.path_or_call(),
            Some(Tok::LBracket) => self.array(),
            _ => {
                self.diags
                    .error(span, "Expected a value: a string, number, constant, function or list.");
                self.skip_line();
                None
            }
        }
    }

    fn path_or_call(&mut self) -> Option<Expr> {
        let mut ident = self.ident()?;
        while self.at(&Tok::Dot) && matches!(self.peek_at(1), Some(Tok::Ident(_))) {
            self.pos += 1;
            let part = self.ident()?;
            ident.name = format!("{}.{}", ident.name, part.name);
            ident.span = ident.span.to(part.span);
        }
        if !self.at(&Tok::LParen) {
            return Some(Expr::Ident(ident));
        }
        let args = self.args()?;
        let span = ident.span.to(self.prev_span());
        Some(Expr::Call(ident, args, span))
    }

    fn array(&mut self) -> Option<Expr> {
        let start = self.span();
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat(&Tok::RBracket) {
                return Some(Expr::Array(items, start.to(self.prev_span())));
            }
            items.push(self.expr()?);
            self.skip_newlines();
            if !self.eat(&Tok::Comma) && !self.at(&Tok::RBracket) {
                self.diags.error(self.span(), "Expected `,` or `]` in this list.");
                self.skip_line();
                return None;
            }
        }
    }
}

fn set_trailing_comment(members: &mut Vec<Member>, text: String) {
    match members.last_mut() {
        Some(Member::Field(f)) => f.comment = Some(text),
        Some(Member::Property(p)) => p.comment = Some(text),
        Some(Member::Value(v)) => v.comment = Some(text),
        _ => members.push(Member::Comment(text)),
    }
}

/// A comment token as written back: `// x`, `/// x` or `/* x */`.
fn comment_text(tok: &Tok) -> Option<String> {
    match tok {
        Tok::Comment(text) => Some(format!("//{text}")),
        Tok::DocComment(text) => Some(doc_as_comment(text)),
        Tok::BlockComment(text) => Some(text.clone()),
        _ => None,
    }
}

/// A `///` comment that documents nothing, as a comment written back as the
/// same `///` line.
fn doc_as_comment(doc: &str) -> String {
    if doc.is_empty() {
        "///".to_string()
    } else {
        format!("/// {doc}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(s: &str) -> SchemaFile {
        let mut d = Diagnostics::default();
        let f = parse(0, s, &mut d);
        assert!(d.items.is_empty(), "{:?}", d.items);
        f
    }

    #[test]
    fn parses_model_fields_and_attributes() {
        let f = parse_ok(
            "/// Users\nmodel User {\n  id Int @id @default(autoincrement()) // pk\n  tags String[]\n  bio String? @db.VarChar(200)\n\n  @@index([bio(sort: Desc)], map: \"x\")\n}\n",
        );
        let TopItem::Block(b) = &f.items[0] else { panic!() };
        assert_eq!(b.doc, vec!["Users"]);
        let fields: Vec<_> = b.fields().collect();
        assert_eq!(fields.len(), 3);
        assert_eq!(fields[0].comment.as_deref(), Some("// pk"));
        assert_eq!(fields[1].arity, Arity::List);
        assert_eq!(fields[2].attributes[0].name.name, "db.VarChar");
        assert!(matches!(b.members[3], Member::Blank));
        assert_eq!(b.attributes().count(), 1);
    }

    #[test]
    fn recovers_and_reports_each_bad_line() {
        let mut d = Diagnostics::default();
        parse(0, "model A {\n  id\n  x Int @default(\n  y Int\n}\nfoo\n", &mut d);
        assert!(d.items.len() >= 3, "{:?}", d.items);
    }

    #[test]
    fn multi_line_arrays() {
        let f = parse_ok("generator c {\n  previewFeatures = [\n    \"a\",\n    \"b\",\n  ]\n}\n");
        let TopItem::Block(b) = &f.items[0] else { panic!() };
        assert!(matches!(&b.property("previewFeatures").unwrap().value, Expr::Array(v, _) if v.len() == 2));
    }

    fn parse_errors(s: &str) -> Vec<String> {
        let mut d = Diagnostics::default();
        parse(0, s, &mut d);
        d.items.into_iter().map(|d| d.message).collect()
    }

    /// Every place Prisma 6 accepts a block comment, and the places between
    /// two tokens of a line, where it refuses one and migrate moves it.
    const BLOCK_COMMENTS: &str = "/* top */ /* two */\n/** doc\n style */\nmodel A { /* after brace */\n  /* own */ id Int @id /* between */ @default(1) /* trailing\n  two lines */\n  b String @default(/* in args */ \"x\") // line /* inside */\n  /* before attr */ @@index([b /* in list */]) /* after attr */\n  /* last */\n} /* after close */\n";

    #[test]
    fn block_comments_stand_wherever_whitespace_may() {
        let f = parse_ok(BLOCK_COMMENTS);
        let comments: Vec<&str> = f
            .items
            .iter()
            .filter_map(|i| match i {
                TopItem::Comment(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            comments,
            ["/* top */", "/* two */", "/** doc\n style */", "/* after close */"]
        );
        let TopItem::Block(b) = &f.items[3] else {
            panic!("{:?}", f.items)
        };
        let members: Vec<String> = b
            .members
            .iter()
            .map(|m| match m {
                Member::Comment(c) => c.clone(),
                Member::Field(f) => format!("field {} {:?}", f.name.name, f.comment),
                Member::Attribute(a) => format!("attr {} {:?}", a.name.name, a.comment),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            members,
            [
                "/* after brace */",
                "/* own */",
                "/* between */",
                "field id Some(\"/* trailing\\n  two lines */\")",
                "/* in args */",
                "field b Some(\"// line /* inside */\")",
                "/* before attr */",
                "/* in list */",
                "attr index Some(\"/* after attr */\")",
                "/* last */",
            ]
        );
        let TopItem::Block(b) = &f.items[3] else { unreachable!() };
        let id = b.fields().next().unwrap();
        assert_eq!(
            id.attributes.len(),
            2,
            "the comment between two attributes is not an attribute"
        );
    }

    #[test]
    fn lone_cr_and_crlf_read_as_lf() {
        let lf = "model A {\n  id Int @id\n  b  String?\n}\n";
        let expected = parse_ok(lf);
        for eol in ["\r\n", "\r"] {
            let f = parse_ok(&lf.replace('\n', eol));
            let names = |f: &SchemaFile| match &f.items[0] {
                TopItem::Block(b) => b.fields().map(|f| (f.name.name.clone(), f.arity)).collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            assert_eq!(names(&f), names(&expected), "{eol:?}");
        }
    }

    #[test]
    fn nesting_is_bounded_with_a_located_error() {
        for open in ["[", "f(", "[f("] {
            let text = format!("model A {{\n  id Int @default({})\n  b Int\n}}\n", open.repeat(100_000));
            let mut d = Diagnostics::default();
            // A small stack: the bound must hold far from its end.
            let items = std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn_scoped(s, || parse(0, &text, &mut d).items.len())
                    .unwrap()
                    .join()
                    .unwrap()
            });
            assert_eq!(items, 1);
            let deep = d
                .items
                .iter()
                .find(|d| d.message.contains("levels deep"))
                .expect("nesting error");
            assert!(
                deep.span.start > 20 && deep.span.start < 20 + 3 * MAX_NESTING,
                "{:?}",
                deep.span
            );
        }
        let nested = format!("{}1{}", "[".repeat(MAX_NESTING - 1), "]".repeat(MAX_NESTING - 1));
        assert!(parse_errors(&format!("model A {{\n  a Int[] @default({nested})\n}}\n")).is_empty());
    }

    #[test]
    fn an_unclosed_block_comment_is_one_located_error() {
        let mut d = Diagnostics::default();
        let f = parse(
            0,
            "model A {\n  id Int @id\n}\n/* open\nmodel B {\n  id Int @id\n}\n",
            &mut d,
        );
        assert_eq!(d.items.len(), 1, "{:?}", d.items);
        assert!(d.items[0].message.contains("`*/`"));
        assert_eq!(d.items[0].span.start, 25);
        assert_eq!(f.items.iter().filter(|i| matches!(i, TopItem::Block(_))).count(), 1);
    }
}
