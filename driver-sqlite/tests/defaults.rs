//! Every kind of column default, written so SQLite accepts it and fills it in.

mod common;

use common::*;
use migrate_core::schema::{DefaultValue, Literal, ScalarType};
use rusqlite::types::Value;

fn literal(literal: Literal) -> DefaultValue {
    DefaultValue::Literal(literal)
}

#[test]
fn every_default_kind() {
    let columns = vec![
        int("id").auto_increment(),
        text("string").default(string("it's")),
        enum_column("role", "Role", &["USER", "ADMIN"]).default(literal(Literal::EnumValue("ADMIN".into()))),
        int("int").default(number("42")),
        int("negative").default(number("-7")),
        column("float", ScalarType::Float).default(number("1.5")),
        column("exponent", ScalarType::Float).default(number("2.5e3")),
        column("yes", ScalarType::Boolean).default(literal(Literal::Boolean(true))),
        column("no", ScalarType::Boolean).default(literal(Literal::Boolean(false))),
        column("bytes", ScalarType::Bytes).default(literal(Literal::Bytes("deadbeef".into()))),
        column("json", ScalarType::Json).default(literal(Literal::Json(r#"{"a": [1, "it's"]}"#.into()))),
        column("now", ScalarType::DateTime).default(DefaultValue::Now),
        text("call").default(expression("lower(hex(randomblob(4)))")),
        int("sum").default(expression("1 + 2")),
        int("parenthesized").default(expression("(3 * 2)")),
        column("today", ScalarType::DateTime).default(expression("CURRENT_DATE")),
        text("quoted").default(expression("'x'")),
        text("nothing").nullable().default(expression("")),
    ];
    let db = database();
    let script = create(&db, &[table("Defaults", columns, &["id"])]);
    insta::assert_snapshot!(script);

    apply(&db, r#"INSERT INTO "Defaults" DEFAULT VALUES"#);
    let row = rows(&db, r#"SELECT * FROM "Defaults""#).remove(0);
    let expected_start = vec![
        i(1),
        t("it's"),
        t("ADMIN"),
        i(42),
        i(-7),
        Value::Real(1.5),
        Value::Real(2500.0),
        i(1),
        i(0),
        t("deadbeef"),
        t(r#"{"a": [1, "it's"]}"#),
    ];
    assert_eq!(row[..11], expected_start[..]);
    assert!(
        matches!(&row[11], Value::Text(now) if now.len() == 19),
        "CURRENT_TIMESTAMP: {:?}",
        row[11]
    );
    assert!(
        matches!(&row[12], Value::Text(hex) if hex.len() == 8),
        "random hex: {:?}",
        row[12]
    );
    assert_eq!(row[13..15], [i(3), i(6)]);
    assert!(
        matches!(&row[15], Value::Text(today) if today.len() == 10),
        "CURRENT_DATE: {:?}",
        row[15]
    );
    assert_eq!(row[16..], [t("x"), Value::Null]);
}
