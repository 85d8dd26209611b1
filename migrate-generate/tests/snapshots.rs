//! Golden files of both built-in generators over the fixture schemas of
//! `tests/fixtures/schemas` and the hostile names of `migrate-generate/tests/hostile`
//! (reviewed line by line); `compile.rs` checks every fixture's output with the
//! languages' compilers.

mod common;

use migrate_generate::rust::{self, DateTimeCrate, DecimalType, RustOptions};
use migrate_generate::typescript::{self, TsOptions};

#[test]
fn typescript_of_every_fixture() {
    for (name, schema) in common::fixtures().iter().filter(|(n, _)| !n.starts_with("corpus_")) {
        let text = typescript::render(&schema.datamodel, &TsOptions::default(), "schema.prisma");
        insta::assert_snapshot!(format!("ts_{name}"), text);
    }
}

#[test]
fn rust_of_every_fixture() {
    for (name, schema) in common::fixtures().iter().filter(|(n, _)| !n.starts_with("corpus_")) {
        let text = rust::render(&schema.datamodel, &RustOptions::default(), "schema.prisma");
        insta::assert_snapshot!(format!("rs_{name}"), text);
    }
}

#[test]
fn typescript_of_hostile_names() {
    for (name, schema) in common::hostile() {
        let text = typescript::render(&schema.datamodel, &TsOptions::default(), "schema.prisma");
        insta::assert_snapshot!(format!("ts_{name}"), text);
    }
}

#[test]
fn rust_of_hostile_names() {
    for (name, schema) in common::hostile() {
        let text = rust::render(&schema.datamodel, &RustOptions::default(), "schema.prisma");
        insta::assert_snapshot!(format!("rs_{name}"), text);
        let options = RustOptions {
            date_time: DateTimeCrate::Time,
            decimal: DecimalType::String,
            sqlx: true,
        };
        let text = rust::render(&schema.datamodel, &options, "schema.prisma");
        insta::assert_snapshot!(format!("rs_{name}_time_sqlx"), text);
    }
}

#[test]
fn rust_options_time_string_decimal_and_sqlx() {
    let (_, schema) = common::fixtures()
        .into_iter()
        .find(|(n, _)| n == "mapped_names")
        .unwrap();
    let options = RustOptions {
        date_time: DateTimeCrate::Time,
        decimal: DecimalType::String,
        sqlx: true,
    };
    insta::assert_snapshot!(rust::render(&schema.datamodel, &options, "schema.prisma"));
}

#[test]
fn typescript_options_decimal_type_and_no_kysely() {
    let (_, schema) = common::fixtures()
        .into_iter()
        .find(|(n, _)| n == "postgres_features")
        .unwrap();
    let options = TsOptions {
        decimal_type: "Decimal".into(),
        decimal_import: Some("decimal.js".into()),
        kysely: false,
    };
    insta::assert_snapshot!(typescript::render(&schema.datamodel, &options, "schema.prisma"));
}
