//! The whole offline path of a schema, on any bytes, for the fuzz target
//! (`fuzz/fuzz_targets/parse_validate.rs`) and the regression test that
//! replays what it found (`tests/tests/fuzz_regressions.rs`): read strictly
//! as UTF-8 (and, when that fails, lossily, so that the parser still sees
//! the text), format twice, parse and validate, render the diagnostics, and
//! lower, diff and render whatever validates. It panics only on a bug.

use crate::diff::diff;
use crate::driver::Dialect;
use crate::psl::diagnostics::SourceFiles;
use crate::psl::format::format_source;
use crate::psl::lower::lower;
use crate::psl::parse_and_validate;
use crate::schema::Schema;

/// Runs the pipeline on `bytes`, lowering for `dialect`.
pub fn schema_pipeline(bytes: &[u8], dialect: &dyn Dialect) {
    let text = match crate::utf8::decode(bytes) {
        Ok(text) => text.to_string(),
        Err(at) => {
            assert!(at.offset < bytes.len() && at.line >= 1 && at.column >= 1, "{at:?}");
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    if let Ok(once) = format_source(&text) {
        let twice = format_source(&once).unwrap_or_else(|d| panic!("the formatted text does not parse: {d:?}\n{once}"));
        assert_eq!(twice, once, "formatting twice differs from formatting once");
    }
    match parse_and_validate(SourceFiles::single("fuzz.prisma", text)) {
        Err(e) => {
            let _ = e.to_string();
        }
        Ok(valid) => {
            let _ = valid.warnings.render(&valid.sources);
            let schema = lower(&valid.datamodel, dialect);
            let _ = dialect.render(&diff(&Schema::default(), &schema, dialect));
            let _ = dialect.render(&diff(&schema, &Schema::default(), dialect));
        }
    }
}
