use super::*;

/// One cell: `x` the raw text as an expression, `n:`/`s:`/`j:` a number,
/// string or JSON literal, `true`/`false`, `now`, `-` no default.
fn cell(text: &str, family: &TypeFamily) -> String {
    match default_value(text, family) {
        None => "-".into(),
        Some(DefaultValue::Now) => "now".into(),
        Some(DefaultValue::Expression(e)) if e == text => "x".into(),
        Some(DefaultValue::Literal(Literal::Number(n))) => format!("n:{n}"),
        Some(DefaultValue::Literal(Literal::String(s))) => format!("s:{s}"),
        Some(DefaultValue::Literal(Literal::Json(j))) => format!("j:{j}"),
        Some(DefaultValue::Literal(Literal::Boolean(b))) => b.to_string(),
        Some(other) => format!("{other:?}"),
    }
}

/// `dflt_value` texts against the families `INTEGER`, `BIGINT`, `REAL`,
/// `DECIMAL`, `BOOLEAN`, `TEXT`, `DATETIME`, `JSONB`, `BLOB` and an
/// unsupported type, as Prisma 6.19.3's pull reads them (a value, or
/// `dbgenerated` for `x`), except where its reading is wrong: marked `*`.
#[test]
fn defaults_by_family_as_prisma_reads_them() {
    use ScalarType::*;
    let families = [
        TypeFamily::Scalar(Int),
        TypeFamily::Scalar(BigInt),
        TypeFamily::Scalar(Float),
        TypeFamily::Scalar(Decimal),
        TypeFamily::Scalar(Boolean),
        TypeFamily::Scalar(String),
        TypeFamily::Scalar(DateTime),
        TypeFamily::Scalar(Json),
        TypeFamily::Scalar(Bytes),
        TypeFamily::Unsupported,
    ];
    #[rustfmt::skip]
    let rows: &[(&str, [&str; 10])] = &[
        ("0", ["n:0", "n:0", "n:0", "n:0", "false", "s:0", "x", "j:0", "x", "x"]),
        ("1", ["n:1", "n:1", "n:1", "n:1", "true", "s:1", "x", "j:1", "x", "x"]),
        ("-1", ["n:-1", "n:-1", "n:-1", "n:-1", "x", "s:-1", "x", "j:-1", "x", "x"]),
        ("+1", ["x", "x", "n:1", "n:1", "x", "s:+1", "x", "x", "x", "x"]),
        (".5", ["x", "x", "n:0.5", "n:0.5", "x", "s:.5", "x", "x", "x", "x"]),
        ("5.", ["x", "x", "n:5", "n:5", "x", "s:5.", "x", "x", "x", "x"]),
        ("1e3", ["x", "x", "n:1000", "n:1000", "x", "s:1e3", "x", "j:1e3", "x", "x"]),
        ("1.50", ["x", "x", "n:1.50", "n:1.50", "x", "s:1.50", "x", "j:1.50", "x", "x"]),
        ("0xFF", ["x", "x", "x", "x", "x", "s:0xFF", "x", "x", "x", "x"]),
        ("007", ["n:7", "n:7", "n:7", "n:7", "x", "s:007", "x", "x", "x", "x"]),
        ("-0", ["n:0", "n:0", "n:0", "n:0", "false", "s:-0", "x", "j:-0", "x", "x"]),
        ("99999999999999999999", ["x", "x", "n:99999999999999999999", "n:99999999999999999999", "x", "s:99999999999999999999", "x", "j:99999999999999999999", "x", "x"]),
        ("'10'", ["n:10", "n:10", "n:10", "n:10", "x", "s:10", "x", "j:10", "x", "x"]),
        ("'1'", ["n:1", "n:1", "n:1", "n:1", "true", "s:1", "x", "j:1", "x", "x"]),
        ("'+1'", ["x", "x", "n:1", "n:1", "x", "s:+1", "x", "x", "x", "x"]),
        ("'abc'", ["x", "x", "x", "x", "x", "s:abc", "x", "x", "x", "x"]),
        ("\"dq\"", ["x", "x", "x", "x", "x", "s:dq", "x", "j:\"dq\"", "x", "x"]),
        ("'it''s'", ["x", "x", "x", "x", "x", "s:it's", "x", "x", "x", "x"]),
        ("''", ["x", "x", "x", "x", "x", "s:", "x", "x", "x", "x"]),
        ("'false'", ["x", "x", "x", "x", "x", "s:false", "x", "j:false", "x", "x"]),
        ("TRUE", ["x", "x", "x", "x", "true", "x*", "x", "x", "x", "x"]),
        ("false", ["x", "x", "x", "x", "false", "x*", "x", "j:false", "x", "x"]),
        ("(1)", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("CURRENT_TIMESTAMP", ["x", "x", "x", "x", "x", "x*", "now", "x", "x", "x"]),
        ("current_timestamp", ["x", "x", "x", "x", "x", "x*", "now", "x", "x", "x"]),
        ("CURRENT_DATE", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("datetime('now')", ["x", "x", "x", "x", "x", "x*", "now", "x", "x", "x"]),
        ("DATETIME('now')", ["x", "x", "x", "x", "x", "x*", "now", "x", "x", "x"]),
        ("datetime('now', 'localtime')", ["x", "x", "x", "x", "x", "x*", "now", "x", "x", "x"]),
        ("datetime('now','localtime')", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("lower(hex(randomblob(16)))", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("X'00FF'", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("1 + 2", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("' 1'", ["x", "x", "x", "x", "x", "s: 1", "x", "j: 1", "x", "x"]),
        ("'{}'", ["x", "x", "x", "x", "x", "s:{}", "x", "j:{}*", "x", "x"]),
        ("'a''b' || 'c'", ["x", "x", "x", "x", "x", "x*", "x", "x", "x", "x"]),
        ("abc", ["x", "x", "x", "x", "x", "s:abc", "x", "x", "x", "x"]),
        ("NULL", ["-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]),
        ("null", ["-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]),
    ];
    for (text, expected) in rows {
        for (family, want) in families.iter().zip(expected) {
            assert_eq!(cell(text, family), want.trim_end_matches('*'), "{text} on {family:?}");
        }
    }
}
