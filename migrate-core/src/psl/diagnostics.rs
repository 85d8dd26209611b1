//! Located errors for schema files: `path:line:col: error: message`, the source
//! line, and a caret under the span.

use std::fmt;

/// Index of a file in [`SourceFiles`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
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
    pub path: String,
    pub text: String,
}

/// All files of one schema (a single file, or a folder of `.prisma` files).
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    pub files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn single(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFiles {
            files: vec![SourceFile {
                path: path.into(),
                text: text.into(),
            }],
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let text = &self.files[file].text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    fn line_text(&self, file: FileId, line: usize) -> &str {
        self.files[file].text.lines().nth(line - 1).unwrap_or("")
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub message: String,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
        }
    }

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
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::error(span, message));
    }

    pub fn warning(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::warning(span, message));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn sort(&mut self) {
        self.items
            .sort_by_key(|d| (d.span.file, d.span.start, d.span.end, d.severity));
        self.items.dedup();
    }

    /// Renders every diagnostic against its source.
    pub fn render(&self, sources: &SourceFiles) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&RenderedDiagnostic { d, sources }.to_string());
        }
        out
    }
}

struct RenderedDiagnostic<'a> {
    d: &'a Diagnostic,
    sources: &'a SourceFiles,
}

impl fmt::Display for RenderedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Diagnostic {
            severity,
            span,
            message,
        } = self.d;
        let path = &self.sources.files[span.file].path;
        let (line, col) = self.sources.line_col(span.file, span.start);
        let (end_line, end_col) = self.sources.line_col(span.file, span.end);
        let kind = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{path}:{line}:{col}: {kind}: {message}")?;
        let text = self.sources.line_text(span.file, line);
        let width = if end_line == line {
            end_col.saturating_sub(col)
        } else {
            text.chars().count() + 1 - col
        };
        let gutter = line.to_string().len();
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{line} | {text}")?;
        writeln!(
            f,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(col - 1),
            "^".repeat(width.max(1))
        )
    }
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
}
