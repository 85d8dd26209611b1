//! Located errors for schema files: `path:line:col: error: message`, the source
//! line, and a caret under the span.

/// Index of a file in [`SourceFiles`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The bytes `start..end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }

    /// The smallest span that covers both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.file, self.start.min(other.start), self.end.max(other.end))
    }
}

/// One schema file: its path as the user should see it, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it or as it was found (shown in diagnostics).
    pub path: String,
    /// The file's text, decoded from UTF-8.
    pub text: String,
}

/// All files of one schema (a single file, or a folder of `.prisma` files).
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    /// The files, in the order [`FileId`]s index them (a folder's files sorted by path).
    pub files: Vec<SourceFile>,
}

impl SourceFiles {
    /// A schema of one file.
    pub fn single(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFiles {
            files: vec![SourceFile {
                path: path.into(),
                text: text.into(),
            }],
        }
    }

    /// 1-based line and column (in characters) of a byte offset. Lines end
    /// at `\n`, `\r\n` or a lone `\r`, as the lexer reads them. Costs a scan
    /// of the file: [`Diagnostics::render`] indexes each file once instead.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let text = &self.files[file].text;
        LineIndex::new(text).line_col(text, offset)
    }
}

/// Where each line of one text starts, for locating many offsets in it.
struct LineIndex {
    /// Byte offset of the first byte of each line; `starts[0]` is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of `offset`.
    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let col = text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The text of 1-based `line`, without its line end.
    fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How many diagnostics a report shows; the others are only counted, so
/// that a file with thousands of mistakes is reported at once and readably.
pub const MAX_SHOWN: usize = 100;

/// How many characters of a source line a report shows around the caret.
const LINE_WINDOW: usize = 200;

/// How many characters of a message a report shows (a message quotes names
/// from the file, which may be of any length).
const MESSAGE_LENGTH: usize = 400;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is refused: it is neither lowered nor migrated.
    Error,
    /// Reported, and the schema is still used.
    Warning,
}

/// One problem, located in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it is an error or a warning.
    pub severity: Severity,
    /// The text the problem is about; the caret goes under it.
    pub span: Span,
    /// What is wrong, and what to do about it where there is a fix.
    pub message: String,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: message.into(),
        }
    }
}

/// Every problem found in one run, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The diagnostics, in the order they were reported until [`Diagnostics::sort`].
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds an error at `span`.
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::error(span, message));
    }

    /// Adds a warning at `span`.
    pub fn warning(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::warning(span, message));
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The errors, without the warnings.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Adds every diagnostic of `other`, after these.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Puts the diagnostics in source order (file, start, end, errors before warnings; stable
    /// otherwise) and drops each one that repeats the one just before it.
    pub fn sort(&mut self) {
        self.items
            .sort_by_key(|d| (d.span.file, d.span.start, d.span.end, d.severity));
        self.items.dedup();
    }

    /// Renders the first [`MAX_SHOWN`] diagnostics against their sources,
    /// then counts the others.
    pub fn render(&self, sources: &SourceFiles) -> String {
        let mut indexes: Vec<Option<LineIndex>> = sources.files.iter().map(|_| None).collect();
        let mut out = String::new();
        for d in self.items.iter().take(MAX_SHOWN) {
            let Some(file) = sources.files.get(d.span.file) else {
                continue;
            };
            let index = indexes[d.span.file].get_or_insert_with(|| LineIndex::new(&file.text));
            out.push_str(&render_one(d, file, index));
        }
        let hidden = &self.items[self.items.len().min(MAX_SHOWN)..];
        let errors = hidden.iter().filter(|d| d.severity == Severity::Error).count();
        let counts = [(errors, "error"), (hidden.len() - errors, "warning")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, kind)| format!("{n} more {kind}{}", if n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>();
        if !counts.is_empty() {
            out.push_str(&format!("... and {} not shown.\n", counts.join(" and ")));
        }
        out
    }
}

/// `path:line:col: kind: message`, the source line (a window of it when it
/// is long, credentials masked) and a caret under the span.
fn render_one(d: &Diagnostic, file: &SourceFile, index: &LineIndex) -> String {
    let (line, col) = index.line_col(&file.text, d.span.start);
    let (end_line, end_col) = index.line_col(&file.text, d.span.end);
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // The datasource's lines may hold a URL with its password.
    let text = crate::url::mask_credentials(index.line(&file.text, line));
    let length = text.chars().count();
    let width = if end_line == line {
        end_col.saturating_sub(col)
    } else {
        (length + 1).saturating_sub(col)
    };
    // The window of the line shown: all of it, or LINE_WINDOW characters
    // starting a little before the caret.
    let skip = if length > LINE_WINDOW {
        col.saturating_sub(LINE_WINDOW / 4).min(length - LINE_WINDOW)
    } else {
        0
    };
    let shown: String = text.chars().skip(skip).take(LINE_WINDOW).collect();
    let (before, after) = (
        if skip > 0 { "..." } else { "" },
        if skip + LINE_WINDOW < length { "..." } else { "" },
    );
    let caret_at = col.saturating_sub(1).saturating_sub(skip) + before.len();
    let caret_width = width.clamp(1, (LINE_WINDOW + 1).saturating_sub(col.saturating_sub(skip)).max(1));
    let gutter = line.to_string().len();
    format!(
        "{path}:{line}:{col}: {kind}: {message}\n{blank:gutter$} |\n{line} | {before}{shown}{after}\n{blank:gutter$} | {pad}{carets}\n",
        path = file.path,
        message = shorten(&d.message),
        blank = "",
        pad = " ".repeat(caret_at),
        carets = "^".repeat(caret_width),
    )
}

/// The message, or its start and end around `...` when it is too long.
fn shorten(message: &str) -> std::borrow::Cow<'_, str> {
    let length = message.chars().count();
    if length <= MESSAGE_LENGTH {
        return message.into();
    }
    let head: String = message.chars().take(MESSAGE_LENGTH * 2 / 3).collect();
    let tail: String = message.chars().skip(length - MESSAGE_LENGTH / 3).collect();
    format!("{head}...{tail}").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_col_and_caret() {
        let src = SourceFiles::single("schema.prisma", "model A {\n  id Strin @id\n}\n");
        let mut ds = Diagnostics::default();
        ds.error(Span::new(0, 15, 20), "unknown type");
        assert_eq!(
            ds.render(&src),
            "schema.prisma:2:6: error: unknown type\n  |\n2 |   id Strin @id\n  |      ^^^^^\n"
        );
    }

    #[test]
    fn line_col_counts_characters() {
        let src = SourceFiles::single("s", "é\nab");
        assert_eq!(src.line_col(0, 0), (1, 1));
        assert_eq!(src.line_col(0, 1), (1, 1));
        assert_eq!(src.line_col(0, 4), (2, 2));
    }

    fn rendered(text: &str, start: usize, end: usize) -> String {
        let src = SourceFiles::single("s", text);
        let mut ds = Diagnostics::default();
        ds.error(Span::new(0, start, end), "m");
        ds.render(&src)
    }

    #[test]
    fn every_line_end_counts_as_prisma_counts_it() {
        let src = SourceFiles::single("s", "a\r\nb\rc\nd");
        assert_eq!(src.line_col(0, 3), (2, 1));
        assert_eq!(src.line_col(0, 5), (3, 1));
        assert_eq!(src.line_col(0, 7), (4, 1));
        assert_eq!(
            rendered("model\r\n", 0, 7),
            "s:1:1: error: m\n  |\n1 | model\n  | ^^^^^\n"
        );
        assert_eq!(rendered("x\r\r", 1, 3), "s:1:2: error: m\n  |\n1 | x\n  |  ^\n");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_are_shown() {
        assert_eq!(rendered("é", 1, 99), "s:1:1: error: m\n  |\n1 | é\n  | ^\n");
        assert_eq!(rendered("", 0, 0), "s:1:1: error: m\n  |\n1 | \n  | ^\n");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_caret() {
        let text = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let out = rendered(&text, 5000, 5001);
        let shown = out.lines().nth(2).unwrap();
        assert!(shown.len() < LINE_WINDOW + 20, "{shown}");
        let caret = out.lines().nth(3).unwrap();
        let x = shown.find('X').unwrap();
        assert_eq!(caret.find('^').unwrap(), x, "{out}");
    }

    #[test]
    fn only_the_first_diagnostics_are_shown() {
        let src = SourceFiles::single("s", "x\n".repeat(300));
        let mut ds = Diagnostics::default();
        for i in 0..250 {
            ds.error(Span::new(0, i * 2, i * 2 + 1), "m");
        }
        ds.warning(Span::new(0, 0, 1), "w");
        let out = ds.render(&src);
        assert_eq!(out.matches(": error: m").count(), MAX_SHOWN);
        assert!(
            out.ends_with("... and 150 more errors and 1 more warning not shown.\n"),
            "{out}"
        );
    }

    #[test]
    fn long_messages_are_shortened_in_the_middle() {
        let message = format!("Type `{}` is unknown.", "Q".repeat(10_000));
        let shown = shorten(&message);
        assert!(shown.chars().count() < MESSAGE_LENGTH + 10);
        assert!(
            shown.starts_with("Type `QQ") && shown.ends_with("QQ` is unknown."),
            "{shown}"
        );
        assert_eq!(shorten("short"), "short");
    }

    #[test]
    fn a_password_in_the_shown_line_is_masked() {
        let text = "  url = \"postgres://u:Secr3t@h/db\" x\n";
        let out = rendered(text, 35, 36);
        assert!(!out.contains("Secr3t"), "{out}");
        assert!(out.contains("postgres://u:******@h/db\" x\n"), "{out}");
        assert!(out.ends_with("|                                    ^\n"), "{out}");
    }
}
