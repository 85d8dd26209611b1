//! Broken schemas: every mistake is reported in one run, located, with a
//! message that says what to do. One snapshot of the rendered diagnostics per
//! fixture in `tests/fixtures/broken`.

use migrate_core::psl::diagnostics::Severity;
use migrate_core::psl::SchemaError;
use migrate_tests::*;
use std::collections::BTreeSet;

fn errors_of(name: &str) -> SchemaError {
    let fixture = fixtures_in("broken")
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    match fixture.validate() {
        Ok(_) => panic!("{name} validates, but it is meant to be broken"),
        Err(e) => e,
    }
}

/// Snapshots the rendered diagnostics and checks every error points into
/// the file (a line ≥ 1 that exists).
fn check_broken(name: &str) {
    let err = errors_of(name);
    let errors: Vec<_> = err.diagnostics.errors().collect();
    assert!(!errors.is_empty(), "{name}: no errors");
    for d in &errors {
        let text = &err.sources.files[d.span.file].text;
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{name}: span {:?} outside the file",
            d.span
        );
        let (line, col) = err.sources.line_col(d.span.file, d.span.start);
        let lines = text.lines().count().max(1);
        assert!(
            line >= 1 && line <= lines + 1 && col >= 1,
            "{name}: {}:{} is not in the file",
            line,
            col
        );
        assert!(!d.message.trim().is_empty(), "{name}: empty message at line {line}");
    }
    insta::assert_snapshot!(name, err.diagnostics.render(&err.sources));
}

macro_rules! broken {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_broken(stringify!($name));
            }
        )*

        #[test]
        fn every_broken_fixture_has_a_test() {
            let listed: BTreeSet<&str> = [$(stringify!($name)),*].into_iter().collect();
            let names: Vec<String> = fixtures_in("broken").into_iter().map(|f| f.name).collect();
            assert!(names.len() >= 20, "at least 20 broken schemas");
            assert_eq!(names.iter().map(String::as_str).collect::<BTreeSet<_>>(), listed, "add new fixtures to broken!");
        }
    };
}

broken!(
    ambiguous_relations,
    autoincrement_sqlite_non_id,
    composite_type,
    compound_names,
    constraint_name_clashes_mysql,
    constraint_name_clashes_postgres,
    database_name_collisions,
    datasource_problems,
    default_function_arguments,
    default_mismatch,
    default_values_unparsable,
    duplicates,
    field_attribute_misuse,
    fields_references_arity,
    fulltext_on_postgres,
    index_features_wrong_provider,
    index_methods_postgres,
    invalid_index_field,
    invalid_referential_action,
    key_length_mysql,
    missing_unique_criterion,
    multi_schema,
    names_not_identifiers,
    native_type_arg_count,
    native_type_on_sqlite,
    native_type_ranges,
    native_type_ranges_mysql,
    native_type_wrong_scalar,
    one_to_one_problems,
    optional_id,
    preview_features_missing_or_unknown,
    relation_map_sqlite,
    relation_missing_opposite,
    relation_named_like_unnamed,
    relation_side_problems,
    relation_to_view,
    relation_type_mismatch,
    reserved_names,
    scalar_list_mysql,
    scalar_list_sqlite,
    set_default_on_mysql,
    set_null_on_required,
    set_null_on_required_relation_mode_prisma,
    shadow_database_url_is_url,
    syntax_missing_brace,
    syntax_stray_text,
    syntax_string_escapes,
    twenty_mistakes,
    unknown_attribute,
    unknown_provider,
    unknown_type,
    unsupported_provider_sqlserver,
    updated_at_non_datetime,
    view_with_index,
    view_with_primary_key,
);

/// `twenty_mistakes.prisma` marks each mistake with a `// mistake N` comment
/// at the end of its line: exactly those 20 lines, and no others, get errors.
#[test]
fn twenty_mistakes_yield_twenty_located_errors() {
    let err = errors_of("twenty_mistakes");
    let text = &err.sources.files[0].text;
    let marked: BTreeSet<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("// mistake "))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(marked.len(), 20, "the fixture marks 20 lines");
    let errors: Vec<_> = err
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let lines: Vec<usize> = errors
        .iter()
        .map(|d| err.sources.line_col(d.span.file, d.span.start).0)
        .collect();
    assert_eq!(
        errors.len(),
        20,
        "one error per mistake:\n{}",
        err.diagnostics.render(&err.sources)
    );
    assert_eq!(
        lines.iter().copied().collect::<BTreeSet<_>>(),
        marked,
        "errors on the marked lines"
    );
}

/// Errors come sorted by position, each once.
#[test]
fn diagnostics_are_sorted_and_unique() {
    for fixture in fixtures_in("broken") {
        let Err(err) = fixture.validate() else { continue };
        let spans: Vec<_> = err
            .diagnostics
            .items
            .iter()
            .map(|d| (d.span.file, d.span.start))
            .collect();
        let mut sorted = spans.clone();
        sorted.sort();
        assert_eq!(spans, sorted, "{}: diagnostics out of order", fixture.name);
        let unique: BTreeSet<_> = err
            .diagnostics
            .items
            .iter()
            .map(|d| (d.span.start, d.span.end, d.message.clone()))
            .collect();
        assert_eq!(
            unique.len(),
            err.diagnostics.items.len(),
            "{}: a diagnostic is repeated",
            fixture.name
        );
    }
}

/// With `relationMode = "prisma"`, a relation whose fields, in their order,
/// begin no index or primary key gets Prisma 6.19.3's warning (its text),
/// once per relation; one whose fields lead an index or key gets none.
#[test]
fn relation_mode_prisma_warns_of_unindexed_relations() {
    use migrate_core::psl::diagnostics::SourceFiles;
    let schema = r#"datasource db {
  provider     = "sqlite"
  url          = "file:dev.db"
  relationMode = "prisma"
}
model A {
  x  Int
  y  Int
  bs B[]
  cs C[]
  ds D[]
  @@id([x, y])
}
model B {
  id Int @id
  ax Int
  ay Int
  a  A   @relation(fields: [ax, ay], references: [x, y])
  @@index([ay, ax])
}
model C {
  ax Int
  ay Int
  a  A   @relation(fields: [ax, ay], references: [x, y])
  @@id([ax, ay])
}
model D {
  id Int @id
  ax Int
  ay Int
  a  A   @relation(fields: [ax, ay], references: [x, y])
  @@index([ax, ay, id])
}
model E {
  id  Int @id
  fId Int
  gId Int @unique
  f   F   @relation(fields: [fId], references: [id])
  g   F   @relation("g", fields: [gId], references: [id])
}
model F {
  id Int @id
  es E[]
  g  E[] @relation("g")
}
"#;
    let valid = migrate_core::psl::parse_and_validate(SourceFiles::single("schema.prisma", schema)).unwrap();
    let warned: Vec<usize> = valid
        .warnings
        .items
        .iter()
        .filter(|d| d.message.contains("relation-mode-prisma-indexes"))
        .map(|d| valid.sources.line_col(d.span.file, d.span.start).0)
        .collect();
    // B's index has the fields in another order; E.f has no index at all.
    assert_eq!(warned, vec![18, 38], "{}", valid.warnings.render(&valid.sources));
}
