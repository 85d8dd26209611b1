//! Parse, validate and format arbitrary text; lower, diff and render
//! whatever validates. None of it may panic.
#![no_main]

use driver_sqlite::SqliteDialect;
use libfuzzer_sys::fuzz_target;
use migrate_core::diff::diff;
use migrate_core::driver::Dialect;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::format::format_source;
use migrate_core::psl::lower::lower;
use migrate_core::psl::parse_and_validate;
use migrate_core::schema::Schema;

fuzz_target!(|text: &str| {
    if let Ok(formatted) = format_source(text) {
        let _ = format_source(&formatted);
    }
    match parse_and_validate(SourceFiles::single("fuzz.prisma", text)) {
        Err(e) => {
            let _ = e.to_string();
        }
        Ok(valid) => {
            let _ = valid.warnings.render(&valid.sources);
            let schema = lower(&valid.datamodel, &SqliteDialect);
            let caps = SqliteDialect.capabilities();
            let ops = diff(&Schema::default(), &schema, &caps);
            let _ = SqliteDialect.render(&ops);
            let back = diff(&schema, &Schema::default(), &caps);
            let _ = SqliteDialect.render(&back);
        }
    }
});
