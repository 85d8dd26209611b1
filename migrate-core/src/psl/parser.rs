//! Recursive-descent parser from tokens to [`SchemaFile`]. It recovers at the
//! end of each line, so one run reports every syntax error of a file.

use super::ast::*;
use super::diagnostics::{Diagnostics, FileId, Span};
use super::lexer::{lex, Tok, Token};

pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> SchemaFile {
    let tokens = lex(file, text);
    let eof = Span::new(file, text.len(), text.len());
    let mut p = Parser {
        tokens,
        pos: 0,
        eof,
        diags,
        stray: Vec::new(),
    };
    p.report_lex_errors();
    p.schema()
}

struct Parser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    eof: Span,
    diags: &'a mut Diagnostics,
    /// Comments met inside argument lists and arrays, written out as comment
    /// lines above the member they were in, so the formatter keeps them.
    stray: Vec<String>,
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
                    if line_empty && !matches!(items.last(), None | Some(TopItem::Blank)) && doc.is_empty() {
                        items.push(TopItem::Blank);
                    }
                    line_empty = true;
                    continue;
                }
                Tok::Comment(text) => {
                    self.pos += 1;
                    items.push(TopItem::Comment(text));
                }
                Tok::DocComment(text) => {
                    self.pos += 1;
                    doc.push(text);
                }
                Tok::Ident(word) => match TOP_KEYWORDS.iter().find(|(k, _)| *k == word) {
                    Some((_, kind)) => {
                        let block = self.block(*kind, std::mem::take(&mut doc));
                        items.extend(block.map(TopItem::Block));
                    }
                    None => self.invalid_top_line(),
                },
                _ => self.invalid_top_line(),
            }
            line_empty = false;
        }
        while matches!(items.last(), Some(TopItem::Blank)) {
            items.pop();
        }
        items.extend(doc.iter().map(|d| TopItem::Comment(doc_as_comment(d))));
        SchemaFile { items }
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
        let Some(name) = self.ident() else {
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
                Tok::Comment(text) => {
                    self.pos += 1;
                    members.push(Member::Comment(text));
                }
                Tok::DocComment(text) => {
                    self.pos += 1;
                    doc.push(text);
                }
                Tok::AtAt => {
                    // Comments in and after a block attribute become comment
                    // lines above it (and above its doc comments, which
                    // document nothing and become comments too), so that the
                    // formatter moves them with the attribute.
                    let attr = self.attribute();
                    members.extend(self.stray.drain(..).map(Member::Comment));
                    members.extend(self.trailing_comment().map(Member::Comment));
                    members.extend(doc.drain(..).map(|d: String| Member::Comment(doc_as_comment(&d))));
                    members.extend(attr.map(Member::Attribute));
                    self.end_of_line(&mut members);
                }
                Tok::Ident(_) => {
                    let doc = std::mem::take(&mut doc);
                    let member = match kind {
                        BlockKind::Datasource | BlockKind::Generator => self.property(doc).map(Member::Property),
                        BlockKind::Enum => self.enum_value(doc).map(Member::Value),
                        _ => self.field(doc).map(Member::Field),
                    };
                    members.extend(self.stray.drain(..).map(Member::Comment));
                    members.extend(member);
                    self.end_of_line(&mut members);
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

    /// A `//` or `///` comment ending the line, as `//` comment text.
    fn trailing_comment(&mut self) -> Option<String> {
        let text = match self.peek() {
            Some(Tok::Comment(text)) => text.clone(),
            Some(Tok::DocComment(text)) => doc_as_comment(text),
            _ => return None,
        };
        self.pos += 1;
        Some(text)
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
        let name = self.ident()?;
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
        let name = self.ident()?;
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
        })
    }

    fn skip_newlines(&mut self) {
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Newline => {}
                Tok::Comment(text) => self.stray.push(text.clone()),
                Tok::DocComment(text) => self.stray.push(doc_as_comment(text)),
                _ => return,
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

/// A `///` comment that documents nothing, as the text of a `//` comment
/// that is written back as the same `///` line.
fn doc_as_comment(doc: &str) -> String {
    if doc.is_empty() {
        "/".to_string()
    } else {
        format!("/ {doc}")
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
        assert_eq!(fields[0].comment.as_deref(), Some(" pk"));
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
}
