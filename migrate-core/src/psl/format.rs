//! `migrate format`: writes a [`SchemaFile`] back in the canonical layout of
//! `prisma format`.
//!
//! The lines of a block body form a table: every field, property or enum
//! value is a row whose columns are padded to the widest cell of its group (a
//! run of lines without a blank line between them). Comment lines sit between
//! rows without taking part in the widths. Block attributes (`@@...`) move to
//! the end of the block, each with the comment lines directly above it.

use super::ast::*;
use super::diagnostics::Diagnostics;
use super::parser::parse;

const INDENT: &str = "  ";

/// Parses `text` (as file 0) and formats it as [`format_sources`] does. A
/// file with syntax errors is not formatted: its diagnostics are returned
/// instead.
pub fn format_source(text: &str) -> Result<String, Diagnostics> {
    format_sources(&[text])
        .map(|mut formatted| formatted.remove(0))
        .map_err(|(_, d)| d)
}

/// Parses the files of one schema (`texts[i]` as file `i`) and formats
/// each, with the relation fields a relation written on one side lacks
/// added, as `prisma format` adds them ([`back_relations`]). Nothing is
/// formatted while a file has syntax errors: the first such file's index
/// and its diagnostics are returned instead.
///
/// [`back_relations`]: super::back_relations
pub fn format_sources(texts: &[&str]) -> Result<Vec<String>, (usize, Diagnostics)> {
    let mut files = Vec::with_capacity(texts.len());
    for (at, text) in texts.iter().enumerate() {
        let mut diags = Diagnostics::default();
        let file = parse(at, text, &mut diags);
        if diags.has_errors() {
            return Err((at, diags));
        }
        files.push(file);
    }
    super::back_relations::add_missing(&mut files);
    Ok(files.iter().map(format).collect())
}

/// The canonical text of `file`. Formatting is idempotent and keeps every
/// comment, field, attribute and argument; an empty file is `"\n"`.
pub fn format(file: &SchemaFile) -> String {
    let mut out = String::new();
    let items = collapse_blanks(&file.items, |i| matches!(i, TopItem::Blank));
    for (at, item) in items.iter().enumerate() {
        match item {
            TopItem::Block(block) => {
                write_block(&mut out, block);
                // A blank line after every block, as Prisma 6.19.3 puts one.
                if items.get(at + 1).is_some_and(|next| !matches!(next, TopItem::Blank)) {
                    out.push('\n');
                }
            }
            TopItem::Comment(text) => write_comment(&mut out, "", text),
            TopItem::Blank => out.push('\n'),
        }
    }
    if out.is_empty() {
        // A file with nothing in it is one line break, as Prisma 6.19.3
        // writes it (`format`, and `db pull` in a schema folder).
        out.push('\n');
    }
    out
}

/// Drops blank items at the start and the end, and all but one of each run.
fn collapse_blanks<T>(items: &[T], is_blank: impl Fn(&T) -> bool) -> Vec<&T> {
    let mut kept: Vec<&T> = Vec::with_capacity(items.len());
    for item in items {
        if is_blank(item) && kept.last().is_none_or(|last| is_blank(last)) {
            continue;
        }
        kept.push(item);
    }
    if kept.last().is_some_and(|last| is_blank(last)) {
        kept.pop();
    }
    kept
}

fn push_line(out: &mut String, indent: &str, text: &str) {
    out.push_str(indent);
    out.push_str(text);
    out.push('\n');
}

/// A comment line: as written, trailing whitespace included (as Prisma
/// 6.19.3 keeps it); a block comment (`/* ... */`) on lines of its own as
/// Prisma 6.19.3's formatter rewrites one, `/**`, a ` * ` line for each of
/// its lines of text, ` */`.
fn write_comment(out: &mut String, indent: &str, text: &str) {
    let Some(body) = block_comment_body(text.trim_end()) else {
        return push_line(out, indent, text);
    };
    let lines: Vec<&str> = body
        .lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix('*').map_or(l, str::trim_start)
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |at| at + 1);
    push_line(out, indent, "/**");
    for line in &lines[first..last] {
        match line.is_empty() {
            true => push_line(out, indent, " *"),
            false => push_line(out, indent, &format!(" * {line}")),
        }
    }
    push_line(out, indent, " */");
}

/// The text of a comment that is one block comment, without `/*` (or
/// `/**`) and `*/`.
fn block_comment_body(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("/*")?.strip_suffix("*/")?;
    (!inner.contains("*/")).then(|| inner.strip_prefix('*').unwrap_or(inner))
}

fn write_docs(out: &mut String, indent: &str, doc: &[String]) {
    for line in doc {
        // Trailing whitespace is kept, as Prisma 6.19.3 keeps it.
        match line.as_str() {
            "" => push_line(out, indent, "///"),
            text => push_line(out, indent, &format!("/// {text}")),
        }
    }
}

fn write_block(out: &mut String, block: &Block) {
    write_docs(out, "", &block.doc);
    push_line(out, "", &format!("{} {} {{", block.kind.keyword(), block.name.name));
    Body::split(&block.members).write(out);
    push_line(out, "", "}");
}

/// A block's members, rearranged for writing.
#[derive(Default)]
struct Body<'a> {
    /// Fields, properties and values with the comments and blank lines around them.
    table: Vec<Line<'a>>,
    /// Block attributes, each with the comment lines directly above it.
    attributes: Vec<(Vec<&'a str>, &'a Attribute)>,
    /// Comment lines after the last member of a block that has block
    /// attributes: they stay below the attributes, where they were.
    tail: Vec<&'a str>,
}

enum Line<'a> {
    Row(Row<'a>),
    Comment(&'a str),
    Blank,
}

impl<'a> Body<'a> {
    fn split(members: &'a [Member]) -> Self {
        let mut body = Body::default();
        let mut comments = Vec::new();
        for member in members {
            match member {
                Member::Comment(text) => comments.push(text.as_str()),
                Member::Attribute(attr) => body.attributes.push((std::mem::take(&mut comments), attr)),
                Member::Blank => body.push(&mut comments, Line::Blank),
                Member::Field(f) => body.push(&mut comments, Line::Row(Row::field(f))),
                Member::Property(p) => body.push(&mut comments, Line::Row(Row::property(p))),
                Member::Value(v) => body.push(&mut comments, Line::Row(Row::value(v))),
            }
        }
        if body.attributes.is_empty() {
            body.table.extend(comments.into_iter().map(Line::Comment));
        } else {
            body.tail = comments;
        }
        body
    }

    /// Adds `line` after the comment lines waiting above it.
    fn push(&mut self, comments: &mut Vec<&'a str>, line: Line<'a>) {
        self.table.extend(comments.drain(..).map(Line::Comment));
        self.table.push(line);
    }

    fn write(self, out: &mut String) {
        let table = collapse_blanks(&self.table, |l| matches!(l, Line::Blank));
        for (i, group) in table.split(|l| matches!(l, Line::Blank)).enumerate() {
            if i > 0 {
                out.push('\n');
            }
            write_group(out, group);
        }
        // Also after a table of comment lines only: without the blank line
        // they would be read back as comments of the first attribute.
        if !table.is_empty() && !self.attributes.is_empty() {
            out.push('\n');
        }
        let mut attributes = self.attributes;
        attributes.sort_by_key(|(_, attr)| block_attribute_rank(&attr.name.name));
        for (comments, attr) in &attributes {
            write_comments(out, comments);
            let line = match &attr.comment {
                Some(comment) => format!("{} {comment}", attribute("@@", attr)),
                None => attribute("@@", attr),
            };
            push_line(out, INDENT, &line);
        }
        write_comments(out, &self.tail);
    }
}

fn write_comments(out: &mut String, comments: &[&str]) {
    for text in comments {
        write_comment(out, INDENT, text);
    }
}

fn write_group(out: &mut String, group: &[&Line]) {
    let widths = column_widths(group);
    for line in group {
        match line {
            Line::Row(row) => {
                write_docs(out, INDENT, row.doc);
                push_line(out, INDENT, &row.render(&widths));
            }
            Line::Comment(text) => write_comment(out, INDENT, text),
            Line::Blank => {}
        }
    }
}

fn column_widths(group: &[&Line]) -> Vec<usize> {
    let mut widths = Vec::new();
    for line in group {
        let Line::Row(row) = line else { continue };
        for (i, cell) in row.cells.iter().enumerate() {
            if widths.len() <= i {
                widths.push(0);
            }
            widths[i] = widths[i].max(width(cell));
        }
    }
    widths
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// One field, property or enum value line: its cells before alignment.
struct Row<'a> {
    doc: &'a [String],
    cells: Vec<String>,
    comment: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn field(f: &'a Field) -> Self {
        let cells = vec![f.name.name.clone(), field_type(f), field_attributes(&f.attributes)];
        Row {
            doc: &f.doc,
            cells,
            comment: f.comment.as_deref(),
        }
    }

    fn property(p: &'a Property) -> Self {
        let cells = vec![p.key.name.clone(), format!("= {}", expr(&p.value))];
        Row {
            doc: &p.doc,
            cells,
            comment: p.comment.as_deref(),
        }
    }

    fn value(v: &'a EnumValue) -> Self {
        let cells = vec![v.name.name.clone(), field_attributes(&v.attributes)];
        Row {
            doc: &v.doc,
            cells,
            comment: v.comment.as_deref(),
        }
    }

    /// Every cell but the last padded to its column's width plus one space.
    fn render(&self, widths: &[usize]) -> String {
        let used = self.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
        let mut text = String::new();
        for (i, cell) in self.cells[..used].iter().enumerate() {
            text.push_str(cell);
            if i + 1 < used {
                text.push_str(&" ".repeat(widths[i] + 1 - width(cell)));
            }
        }
        if let Some(c) = self.comment {
            text.push(' ');
            text.push_str(c);
        }
        text
    }
}

fn field_type(f: &Field) -> String {
    let name = match &f.ty {
        FieldTypeExpr::Named(ident) => ident.name.clone(),
        FieldTypeExpr::Unsupported(s, _) => format!("Unsupported(\"{}\")", s.raw),
    };
    let suffix = match f.arity {
        Arity::Required => "",
        Arity::Optional => "?",
        Arity::List => "[]",
    };
    name + suffix
}

/// Attributes in Prisma 6.19.3's order (its formatter sorts them), those
/// of one kind as written.
fn field_attributes(attrs: &[Attribute]) -> String {
    let mut sorted: Vec<&Attribute> = attrs.iter().collect();
    sorted.sort_by_key(|a| field_attribute_rank(&a.name.name));
    let written: Vec<String> = sorted.into_iter().map(|a| attribute("@", a)).collect();
    written.join(" ")
}

/// Where a field attribute goes (Prisma 6.19.3's formatter, measured):
/// `@id @unique @default @updatedAt @map @relation @ignore`, then native
/// types (`@db.*`); any other attribute after those it knows, before the
/// native types.
fn field_attribute_rank(name: &str) -> u8 {
    match name {
        "id" => 0,
        "unique" => 1,
        "default" => 2,
        "updatedAt" => 3,
        "map" => 4,
        "relation" => 5,
        "ignore" => 6,
        native if native.contains('.') => 8,
        _ => 7,
    }
}

/// Where a block attribute goes (Prisma 6.19.3's formatter, measured):
/// `@@id @@unique @@index @@fulltext @@map @@ignore @@schema`, each with the
/// comment lines above it; any other one last.
fn block_attribute_rank(name: &str) -> u8 {
    match name {
        "id" => 0,
        "unique" => 1,
        "index" => 2,
        "fulltext" => 3,
        "map" => 4,
        "ignore" => 5,
        "schema" => 6,
        _ => 7,
    }
}

/// `@name`, `@@name`, with `(args)` when it was written with parentheses.
fn attribute(prefix: &str, attr: &Attribute) -> String {
    let mut text = format!("{prefix}{}", attr.name.name);
    if attr.parens {
        text.push('(');
        text.push_str(&args(&attr.args));
        text.push(')');
    }
    text
}

fn args(args: &[Arg]) -> String {
    let written: Vec<String> = args.iter().map(arg).collect();
    written.join(", ")
}

fn arg(arg: &Arg) -> String {
    match &arg.name {
        Some(name) => format!("{}: {}", name.name, expr(&arg.value)),
        None => expr(&arg.value),
    }
}

fn expr(e: &Expr) -> String {
    match e {
        Expr::String(s, _) => format!("\"{}\"", s.raw),
        Expr::Number(n, _) => n.clone(),
        Expr::Ident(ident) => ident.name.clone(),
        Expr::Call(name, call_args, _) => format!("{}({})", name.name, args(call_args)),
        Expr::Array(items, _) => {
            let written: Vec<String> = items.iter().map(expr).collect();
            format!("[{}]", written.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::{lex, Tok};
    use super::*;
    use proptest::prelude::*;

    const MESSY_MODEL: &str = r#"
model   User   {


    email String     @unique @map("email_address")   @db.VarChar(255)
  id Int @default(autoincrement())    @id
      name     String?
  posts Post[]
   updatedAt DateTime @db.Timestamp(6) @updatedAt
profileId Int? @relation(name: "profile") @map("profile_id") @unique
  createdAt DateTime    @default( now( ) )


}
"#;

    const CONFIG_BLOCKS: &str = r#"
generator client {
  provider = "prisma-client-js"
    previewFeatures = ["views","multiSchema"]
  output="../generated"
}
datasource db {
  provider = "postgresql"
  url = env("DATABASE_URL")
    directUrl     =     env( "DIRECT_URL" )
  relationMode = "prisma"
}
"#;

    const ENUM_MAP: &str = r#"
enum Role {
  USER @map("user")
    ADMINISTRATOR    @map("admin")
  @@map("roles")
  GUEST
}
"#;

    const COMMENTS_EVERYWHERE: &str = r#"// Top of the file.
// Second line.

/// The users.
///
///   Indented doc line.
model User { // after the brace
  // first field below
  /// The primary key.
  id Int @id // trailing on id
  email String //no space after slashes
  //   indented comment   

  /// Documented name.
  name String? @db.Text /// trailing doc
  @@map("users") // why the map
  // dangling at the end
} // after the closing brace

// Between blocks.
enum Color {
  // a comment first
  RED // red
  GREEN
  /// Doc on blue.
  BLUE
}
/// Stray doc comment at the end of the file.
"#;

    const BLANK_GROUPS: &str = r#"


model Post {

  id Int @id

  title String
  publishedAt DateTime?



  // Comment after a blank line belongs to the next group.
  authorId Int
  author User @relation(fields: [authorId], references: [id])
  // Comment lines do not count for widths, however long they are.
  x Int


}


model Empty {
}
model Adjacent {
  id Int @id
}



"#;

    const SCATTERED_BLOCK_ATTRIBUTES: &str = r#"
model Post {
  @@schema("blog")
  id Int
  // Composite key.
  @@id([id, slug])

  // The lookup index.
  @@index([title(sort: Desc)], map: "post_title_idx")
  slug String
  @@map("posts")

  @@unique([slug])
  title String
  @@ignore
}

model OnlyAttributes {
  // Not directly above the attribute.

  @@ignore
}
"#;

    const MULTI_LINE_ARRAYS: &str = r#"
generator client {
  provider        = "prisma-client-js"
  previewFeatures = [
    "views",
    "multiSchema", // needed for @@schema
    "fullTextIndex",
  ]
}

model Tag {
  id String @id
  labels String[] @default([
    "a",
    "b"
  ])

  @@index(
    [
      id,
      labels
    ],
    type: Gin
  )
  @@unique(fields: [
    id
  ], name: "one")
}
"#;

    const UNSUPPORTED_TYPES: &str = r#"
model Place {
  id Int @id
  location Unsupported("geography(Point, 4326)")?
  path Unsupported("ltree")  @default(dbgenerated("'a.b'::ltree"))
  shapes Unsupported("polygon")[]
  @@index([location], type: Gist)
}
"#;

    const VIEWS_AND_TYPES: &str = r#"
view UserInfo {
  id Int @unique
  email String
  bio String?
}

type Address {
  street String
  zipCode String? @map("zip")
  geo Float[]
}

model Customer {
  id String @id @default(auto()) @map("_id") @db.ObjectId
  address Address?
  addresses Address[]
}
"#;

    const BLOCK_COMMENTS: &str = r#"/* A block comment
   over two lines. */
datasource db {
  provider = "sqlite" /* after a property */
  /* before a property */ url = env("DATABASE_URL")
}
model Domain { /* after the brace */
  id Int @id /* between attributes */ @default(autoincrement())
  slug String /* trailing */ // and a line comment
  lastChecked DateTime /* trailing
     over two lines */
  /**
   * Doc-style block comment inside a model.
   */
  verified Boolean @default(/* in the arguments */ false)
  @@unique(slug) /* after an attribute */
  /* before an attribute */ @@index(lastChecked(sort: Desc))
} /* after the block */
"#;

    const INPUTS: &[&str] = &[
        BLOCK_COMMENTS,
        MESSY_MODEL,
        CONFIG_BLOCKS,
        ENUM_MAP,
        COMMENTS_EVERYWHERE,
        BLANK_GROUPS,
        SCATTERED_BLOCK_ATTRIBUTES,
        MULTI_LINE_ARRAYS,
        UNSUPPORTED_TYPES,
        VIEWS_AND_TYPES,
    ];

    fn fmt(text: &str) -> String {
        format_source(text).unwrap_or_else(|d| panic!("{:?}", d.items))
    }

    #[test]
    fn messy_model() {
        insta::assert_snapshot!(fmt(MESSY_MODEL));
    }

    #[test]
    fn config_blocks() {
        insta::assert_snapshot!(fmt(CONFIG_BLOCKS));
    }

    #[test]
    fn enum_with_maps() {
        insta::assert_snapshot!(fmt(ENUM_MAP));
    }

    #[test]
    fn comments_everywhere() {
        insta::assert_snapshot!(fmt(COMMENTS_EVERYWHERE));
    }

    #[test]
    fn blank_line_groups() {
        insta::assert_snapshot!(fmt(BLANK_GROUPS));
    }

    #[test]
    fn scattered_block_attributes() {
        insta::assert_snapshot!(fmt(SCATTERED_BLOCK_ATTRIBUTES));
    }

    #[test]
    fn multi_line_arrays() {
        insta::assert_snapshot!(fmt(MULTI_LINE_ARRAYS));
    }

    #[test]
    fn unsupported_types() {
        insta::assert_snapshot!(fmt(UNSUPPORTED_TYPES));
    }

    #[test]
    fn block_comments() {
        insta::assert_snapshot!(fmt(BLOCK_COMMENTS));
    }

    #[test]
    fn line_ends_become_lf() {
        let lf = fmt(MESSY_MODEL);
        assert_eq!(fmt(&MESSY_MODEL.replace('\n', "\r\n")), lf);
        assert_eq!(fmt(&MESSY_MODEL.replace('\n', "\r")), lf);
        assert_eq!(fmt(&format!("\u{feff}{MESSY_MODEL}")), lf);
    }

    #[test]
    fn views_and_composite_types() {
        insta::assert_snapshot!(fmt(VIEWS_AND_TYPES));
    }

    fn assert_idempotent(input: &str) {
        let once = fmt(input);
        assert_eq!(fmt(&once), once, "formatting twice changed the text of:\n{input}");
    }

    #[test]
    fn formatting_is_idempotent() {
        INPUTS.iter().for_each(|input| assert_idempotent(input));
    }

    /// Every comment and doc comment of `input`: its words (a block
    /// comment on lines of its own is rewritten in the `/** ... */` layout).
    fn comments(input: &str) -> Vec<String> {
        let texts = lex(0, input).into_iter().filter_map(|t| match t.tok {
            Tok::Comment(text) | Tok::DocComment(text) => Some(text.trim().to_string()),
            Tok::BlockComment(text) => {
                let words = text
                    .split_whitespace()
                    .filter(|w| !matches!(*w, "/*" | "/**" | "*/" | "*"));
                Some(words.collect::<Vec<_>>().join(" ").replace("/**", "/*"))
            }
            _ => None,
        });
        texts.collect()
    }

    fn assert_keeps_comments(input: &str) {
        let output = fmt(input);
        let mut after = comments(&output);
        for text in comments(input) {
            let at = after.iter().position(|t| *t == text);
            assert!(at.is_some(), "lost comment {text:?} of:\n{input}\ngot:\n{output}");
            after.remove(at.unwrap_or_default());
        }
        assert!(after.is_empty(), "invented comments {after:?}");
    }

    #[test]
    fn no_comment_is_lost() {
        INPUTS.iter().for_each(|input| assert_keeps_comments(input));
    }

    #[test]
    fn refuses_to_format_a_file_with_errors() {
        let diags = format_source("model A {\n  id\n}\n").unwrap_err();
        assert!(diags.has_errors());
    }

    #[test]
    fn an_empty_file_is_one_line_break() {
        assert_eq!(fmt(""), "\n");
        assert_eq!(fmt("\n\n  \n"), "\n");
    }

    #[test]
    fn empty_block_and_final_newline() {
        assert_eq!(fmt("model A {}"), "model A {\n}\n");
        assert_eq!(fmt("\n\nenum E { A }\n\n\n"), "enum E {\n  A\n}\n");
    }

    #[test]
    fn keeps_parens_as_written() {
        assert_eq!(
            fmt("model A {\n id Int @id() @default(0) @ignore\n}"),
            "model A {\n  id Int @id() @default(0) @ignore\n}\n"
        );
    }

    #[test]
    fn strings_keep_their_escapes() {
        let input = "model A {\n  a String @default(\"say \\\"hi\\\"\\n\")\n}\n";
        assert_eq!(fmt(input), input);
    }

    #[test]
    fn doc_comments_before_a_block_attribute_move_with_it() {
        let input = "model A {\n  /// x\n\n  @@ignore\n  id Int\n}\n";
        assert_eq!(fmt(input), "model A {\n  id Int\n\n  /// x\n  @@ignore\n}\n");
        assert_idempotent(input);
    }

    #[test]
    fn trailing_comments_of_a_block_with_attributes_stay_last() {
        let input = "model A {\n  @@ignore\n  id Int\n  /// end\n}\n";
        assert_eq!(fmt(input), "model A {\n  id Int\n\n  @@ignore\n  /// end\n}\n");
        assert_idempotent(input);
    }

    /// Lines of generated block bodies, for every kind of block.
    const COMMON_LINES: &[&str] = &[
        "",
        "  // c",
        "/// d",
        "///",
        "  //   c2   ",
        "\t///  d2",
        "  @@index([a, b], map: \"i\") // ta",
        "@@id([\n  a, // ka\n  /// kd\n  b\n])",
        "  @@map(\"t\") /// td",
        "  @@schema(\"s\")",
        "  @@unique([a])",
    ];

    /// Member lines of generated block bodies: fields, enum values, properties.
    const MEMBER_LINES: [&[&str]; 3] = [
        &[
            "  id Int @id",
            "a   String?   @db.VarChar(3) @unique // t",
            "  longer_name_here DateTime @updatedAt @default(now())",
            "  tags String[] @default([\n \"a\", // in\n \"b\"\n ])",
            "u Unsupported(\"x y\")? /// tu",
        ],
        &["VALUE @map(\"v\")", "  B", "  LONGER_VALUE // lv"],
        &[
            "  key = \"value\"",
            "longer_key = env(\"X\") /// td",
            "  list = [\n1,\n 2 // two\n]",
        ],
    ];

    /// What comes before and after a generated block.
    const AROUND_BLOCKS: &[(&str, &str)] = &[
        ("", "}\n"),
        ("// before\n", "}\n\n"),
        ("/// doc\n\n", "} // end\n"),
        ("\n/// doc\n// c\n", "}\n/// stray\n"),
    ];

    fn schema_text(blocks: Vec<(usize, Vec<usize>)>) -> String {
        let mut text = String::new();
        for (kind, lines) in blocks {
            let keyword = ["model", "view", "type", "enum", "datasource", "generator"][kind % 6];
            let members = MEMBER_LINES[(kind % 6 / 3) + usize::from(kind % 6 > 3)];
            let (before, after) = AROUND_BLOCKS[kind / 6];
            text.push_str(&format!("{before}{keyword} B {{\n"));
            for line in lines {
                let all = COMMON_LINES.len() + members.len();
                let line = line % all;
                text.push_str(
                    COMMON_LINES
                        .get(line)
                        .unwrap_or_else(|| &members[line - COMMON_LINES.len()]),
                );
                text.push('\n');
            }
            text.push_str(after);
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn generated_schemas_format_stably(
            blocks in prop::collection::vec((0usize..24, prop::collection::vec(0usize..64, 0..12)), 0..4)
        ) {
            let text = schema_text(blocks);
            assert_idempotent(&text);
            assert_keeps_comments(&text);
        }
    }
}
