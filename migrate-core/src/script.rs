//! The layout of a migration script, the same for every database (Prisma's):
//! per step a `-- <Step>` comment line and its statements, each ending
//! `;\n`, one blank line between steps. A step without statements is left
//! out; a plan with no statements at all is `-- This is an empty
//! migration.`, without a trailing newline.

use crate::diff::Op;
use crate::driver::RenderError;

/// The whole script of a plan without statements, as Prisma writes it (no trailing newline).
pub const EMPTY_MIGRATION: &str = "-- This is an empty migration.";

/// Renders each op with the dialect's `statements` (without their `;`) and
/// lays the script out; the first step the dialect refuses is the error.
pub fn render_steps(
    ops: &[Op],
    statements: impl Fn(&Op) -> Result<Vec<String>, RenderError>,
) -> Result<String, RenderError> {
    let mut script = String::new();
    for op in ops {
        let lines = statements(op)?;
        if lines.is_empty() {
            continue;
        }
        if !script.is_empty() {
            script.push('\n');
        }
        script.push_str(&format!("-- {}\n", op.description()));
        for line in lines {
            script.push_str(&line);
            script.push_str(";\n");
        }
    }
    Ok(if script.is_empty() {
        EMPTY_MIGRATION.to_string()
    } else {
        script
    })
}
