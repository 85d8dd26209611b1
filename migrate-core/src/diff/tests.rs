use super::*;
use crate::driver::{Capabilities, EnumSupport, FieldTypeRef, RenderError, TableAlteration};
use crate::psl::datamodel::{NativeType, Provider};
use crate::schema::*;

/// A dialect that is only capabilities, for the differ.
struct Caps(Capabilities);

impl Dialect for Caps {
    fn provider(&self) -> Provider {
        Provider::Postgres
    }

    fn capabilities(&self) -> Capabilities {
        self.0
    }

    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType {
        crate::testing::PgNames.column_type(field)
    }

    fn native_type(&self, _: &ColumnType, _: ScalarType) -> Option<NativeType> {
        None
    }

    fn render(&self, _: &[Op]) -> Result<String, RenderError> {
        Ok(String::new())
    }

    fn draws_from_sequence(&self, expression: &str) -> bool {
        expression.to_ascii_lowercase().starts_with("nextval(")
    }
}

fn caps(alteration: TableAlteration) -> Caps {
    Caps(Capabilities {
        enums: EnumSupport::NamedTypes,
        scalar_lists: true,
        foreign_keys_in_create_table: alteration == TableAlteration::Redefine,
        indexes_in_create_table: false,
        foreign_key_indexes: false,
        table_alteration: alteration,
        rename_index: alteration == TableAlteration::InPlace,
        rename_constraint: alteration == TableAlteration::InPlace,
        named_primary_keys: true,
        named_foreign_keys: alteration == TableAlteration::InPlace,
        join_table_primary_key: true,
        identifier_limit: IdentifierLimit::POSTGRES,
        rowid_primary_key: alteration == TableAlteration::Redefine,
        operator_classes: alteration == TableAlteration::InPlace,
        namespaces: alteration == TableAlteration::InPlace,
        view_nullability: false,
        auto_increment_keyed: false,
        json_defaults: true,
    })
}

fn col(name: &str, sql: &str, nullable: bool) -> Column {
    Column {
        name: name.into(),
        ty: ColumnType {
            family: TypeFamily::Scalar(ScalarType::String),
            sql: sql.into(),
            list: false,
        },
        nullable,
        default: None,
        auto_increment: false,
        sequence: None,
    }
}

fn table(name: &str, cols: Vec<Column>) -> Table {
    let mut t = Table::new(name);
    t.primary_key = Some(PrimaryKey {
        name: Some(format!("{name}_pkey")),
        columns: vec![IndexColumn::named("id")],
    });
    t.columns = std::iter::once(col("id", "INTEGER", false)).chain(cols).collect();
    t
}

fn fk(name: &str, column: &str, target: &str) -> ForeignKey {
    ForeignKey {
        referenced_namespace: Default::default(),
        name: name.into(),
        columns: vec![column.into()],
        referenced_table: target.into(),
        referenced_columns: vec!["id".into()],
        on_delete: ReferentialAction::Restrict,
        on_update: ReferentialAction::Cascade,
    }
}

fn index(name: &str, column: &str, kind: IndexKind) -> Index {
    Index {
        name: name.into(),
        kind,
        columns: vec![IndexColumn::named(column)],
        algorithm: None,
        constraint: false,
    }
}

fn descriptions(ops: &[Op]) -> Vec<&'static str> {
    ops.iter().map(Op::description).collect()
}

fn blog() -> Schema {
    let user = Table {
        indexes: vec![index("User_email_key", "email", IndexKind::Unique)],
        ..table("User", vec![col("email", "TEXT", false)])
    };
    let post = Table {
        foreign_keys: vec![fk("Post_authorId_fkey", "authorId", "User")],
        ..table("Post", vec![col("authorId", "INTEGER", false)])
    };
    Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![user, post],
        enums: vec![Enum {
            namespace: Default::default(),
            name: "Role".into(),
            values: vec!["USER".into()],
        }],
        extensions: Vec::new(),
        notes: Default::default(),
        manages_extensions: false,
    }
}

#[test]
fn identical_schemas_have_no_ops() {
    for alteration in [TableAlteration::InPlace, TableAlteration::Redefine] {
        assert!(diff(&blog(), &blog(), &caps(alteration)).is_empty());
    }
}

#[test]
fn from_empty_creates_in_execution_order_keeping_schema_order() {
    let ops = diff(&Schema::default(), &blog(), &caps(TableAlteration::InPlace));
    assert_eq!(
        descriptions(&ops),
        [
            "CreateEnum",
            "CreateTable",
            "CreateTable",
            "CreateIndex",
            "AddForeignKey"
        ]
    );
    let Op::CreateTable(first) = &ops[1] else { panic!() };
    assert_eq!(first.name, "User", "tables keep the schema's order");
    let Op::CreateTable(post) = &ops[2] else { panic!() };
    assert!(
        post.foreign_keys.is_empty(),
        "foreign keys are added after every table exists"
    );
}

#[test]
fn inline_foreign_keys_stay_in_create_table() {
    let ops = diff(&Schema::default(), &blog(), &caps(TableAlteration::Redefine));
    assert!(!descriptions(&ops).contains(&"AddForeignKey"));
    let post = ops.iter().find_map(|o| match o {
        Op::CreateTable(t) if t.name == "Post" => Some(t),
        _ => None,
    });
    assert_eq!(post.unwrap().foreign_keys.len(), 1);
}

#[test]
fn dropping_everything_drops_foreign_keys_first() {
    let ops = diff(&blog(), &Schema::default(), &caps(TableAlteration::InPlace));
    assert_eq!(
        descriptions(&ops),
        ["DropForeignKey", "DropTable", "DropTable", "DropEnum"]
    );
}

#[test]
fn column_changes_in_place_or_by_redefinition() {
    let mut to = blog();
    to.tables[0].columns.push(col("name", "TEXT", true));
    to.tables[0].columns[1] = col("email", "VARCHAR(10)", false);
    let in_place = diff(&blog(), &to, &caps(TableAlteration::InPlace));
    let Op::AlterTable { changes, .. } = &in_place[0] else {
        panic!("{in_place:?}")
    };
    assert!(matches!(changes[0], TableChange::AddColumn(_)));
    assert!(matches!(changes[1], TableChange::AlterColumn { .. }));
    let redefined = diff(&blog(), &to, &caps(TableAlteration::Redefine));
    assert_eq!(descriptions(&redefined), ["RedefineTables"]);
}

#[test]
fn adding_a_nullable_column_needs_no_redefinition() {
    let mut to = blog();
    to.tables[1].columns.push(col("title", "TEXT", true));
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::Redefine))),
        ["AlterTable"]
    );
    to.tables[1].columns.last_mut().unwrap().nullable = false;
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::Redefine))),
        ["RedefineTables"]
    );
}

#[test]
fn a_renamed_index_is_renamed_or_redefined() {
    let mut to = blog();
    to.tables[0].indexes[0].name = "email_unique".into();
    let renamed = diff(&blog(), &to, &caps(TableAlteration::InPlace));
    assert!(
        matches!(&renamed[..], [Op::RenameIndex { from, to, .. }] if from == "User_email_key" && to == "email_unique")
    );
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::Redefine))),
        ["RedefineIndex"]
    );
}

#[test]
fn a_changed_index_is_dropped_before_it_is_created() {
    let mut to = blog();
    to.tables[0].indexes[0].kind = IndexKind::Normal;
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::InPlace))),
        ["DropIndex", "CreateIndex"]
    );
}

#[test]
fn a_changed_foreign_key_is_dropped_then_added() {
    let mut to = blog();
    to.tables[1].foreign_keys[0].on_delete = ReferentialAction::Cascade;
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::InPlace))),
        ["DropForeignKey", "AddForeignKey"]
    );
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::Redefine))),
        ["RedefineTables"]
    );
}

#[test]
fn enum_values_changed() {
    let mut to = blog();
    to.enums[0].values.push("ADMIN".into());
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::InPlace))),
        ["AlterEnum"]
    );
}

fn role_col(name: &str, list: bool, default: Option<&str>) -> Column {
    Column {
        ty: ColumnType {
            family: TypeFamily::Enum("Role".into()),
            sql: "\"Role\"".into(),
            list,
        },
        default: default.map(|v| DefaultValue::Literal(Literal::EnumValue(v.into()))),
        ..col(name, "", false)
    }
}

/// The usages are the columns of the enum as the step finds them: kept ones
/// with their target default; retyped and dropped ones leave the enum
/// through text, a retyped one with its current default (even one naming a
/// removed value), a dropped one with none; a column added by the plan is
/// not one.
#[test]
fn enum_removal_names_the_columns_using_it() {
    let mut from = blog();
    from.enums[0].values = vec!["USER".into(), "ADMIN".into(), "GUEST".into()];
    from.tables[0].columns.push(role_col("role", false, Some("GUEST")));
    from.tables[0].columns.push(role_col("roles", true, None));
    from.tables[1].columns.push(role_col("retyped", false, Some("GUEST")));
    from.tables[1].columns.push(role_col("dropped", false, Some("ADMIN")));
    let mut to = from.clone();
    to.enums[0].values.pop();
    to.tables[0].columns[2].default = Some(DefaultValue::Literal(Literal::EnumValue("USER".into())));
    to.tables[0].columns.push(role_col("added", false, None));
    to.tables[1].columns[2] = col("retyped", "TEXT", false);
    to.tables[1].columns.pop();
    let ops = diff(&from, &to, &caps(TableAlteration::InPlace));
    assert_eq!(descriptions(&ops), ["AlterEnum", "AlterTable", "AlterTable"]);
    let Op::AlterEnum { usages, .. } = &ops[0] else {
        panic!()
    };
    let usage = |table: &str, column: &str, list, drop_default, default: Option<&str>, leaves_enum| EnumUsage {
        table: table.into(),
        column: column.into(),
        list,
        drop_default,
        default: default.map(|v| DefaultValue::Literal(Literal::EnumValue(v.into()))),
        leaves_enum,
    };
    assert_eq!(
        usages,
        &[
            usage("User", "role", false, true, Some("USER"), false),
            usage("User", "roles", true, false, None, false),
            usage("Post", "retyped", false, true, Some("GUEST"), true),
            usage("Post", "dropped", false, true, None, true),
        ]
    );
    assert_eq!(ops, diff(&from, &to, &caps(TableAlteration::InPlace)));
}

#[test]
fn primary_key_change_drops_then_adds() {
    let mut to = blog();
    to.tables[0].primary_key = Some(PrimaryKey {
        name: Some("User_pkey".into()),
        columns: vec![IndexColumn::named("email")],
    });
    let ops = diff(&blog(), &to, &caps(TableAlteration::InPlace));
    let Some(Op::AlterTable { changes, .. }) = ops.iter().find(|op| matches!(op, Op::AlterTable { .. })) else {
        panic!("{ops:#?}")
    };
    assert!(matches!(changes.first(), Some(TableChange::DropPrimaryKey(_))));
    assert!(matches!(changes.last(), Some(TableChange::AddPrimaryKey(_))));
    // The key referencing the old primary key goes first and comes back last
    // (PostgreSQL refuses to drop a primary key a foreign key depends on).
    assert!(matches!(ops.first(), Some(Op::DropForeignKey { .. })), "{ops:#?}");
    assert!(matches!(ops.last(), Some(Op::AddForeignKey { .. })), "{ops:#?}");
}

#[test]
fn retyped_primary_key_is_replaced_with_the_keys_over_it() {
    let mut to = blog();
    to.tables[0].columns[0].ty.sql = "BIGINT".into();
    to.tables[1]
        .columns
        .iter_mut()
        .find(|c| c.name == "authorId")
        .unwrap()
        .ty
        .sql = "BIGINT".into();
    let ops = diff(&blog(), &to, &caps(TableAlteration::InPlace));
    let Some(Op::AlterTable { changes, .. }) = ops.iter().find(|op| matches!(op, Op::AlterTable { .. })) else {
        panic!("{ops:#?}")
    };
    assert!(
        matches!(changes.first(), Some(TableChange::DropPrimaryKey(_))),
        "{changes:#?}"
    );
    assert!(
        matches!(changes.last(), Some(TableChange::AddPrimaryKey(_))),
        "{changes:#?}"
    );
    assert!(matches!(ops.first(), Some(Op::DropForeignKey { .. })), "{ops:#?}");
    assert!(matches!(ops.last(), Some(Op::AddForeignKey { .. })), "{ops:#?}");
}

#[test]
fn defaults_compare_by_text_and_expressions_loosely() {
    let s = |v: &str| Some(DefaultValue::Literal(Literal::String(v.into())));
    let e = |v: &str| Some(DefaultValue::Literal(Literal::EnumValue(v.into())));
    assert!(same_default(s("USER").as_ref(), e("USER").as_ref()));
    assert!(!same_default(s("USER").as_ref(), e("ADMIN").as_ref()));
    let x = |v: &str| Some(DefaultValue::Expression(v.into()));
    assert!(same_default(
        x("(lower(hex(randomblob(16))))").as_ref(),
        x("LOWER(hex(randomblob(16)))").as_ref()
    ));
    assert!(!same_default(x("1").as_ref(), None));
}

#[test]
fn summary_lists_what_changes() {
    let text = summarize(&diff(&Schema::default(), &blog(), &caps(TableAlteration::InPlace)));
    assert!(text.contains("[+] Added tables\n  - User\n  - Post\n"), "{text}");
    assert!(text.contains("[+] Added foreign key on columns (authorId)"), "{text}");
    assert_eq!(summarize(&[]), "No difference detected.\n");
}

/// Prisma 6.19.3's layout: a section per redefined table, by name, before
/// the tables changed in place.
#[test]
fn summary_names_redefined_tables_in_sections_of_their_own() {
    let mut to = blog();
    for t in &mut to.tables {
        t.columns.push(col("note", "TEXT", false));
    }
    let text = summarize(&diff(&blog(), &to, &caps(TableAlteration::Redefine)));
    assert_eq!(text, "\n[*] Redefined table `Post`\n\n[*] Redefined table `User`\n");
}

fn mysql_like() -> Caps {
    Caps(Capabilities {
        indexes_in_create_table: true,
        foreign_key_indexes: true,
        rename_constraint: false,
        ..caps(TableAlteration::InPlace).0
    })
}

#[test]
fn indexes_stay_inside_create_table_where_the_dialect_writes_them_there() {
    let ops = diff(&Schema::default(), &blog(), &mysql_like());
    assert_eq!(
        descriptions(&ops),
        ["CreateEnum", "CreateTable", "CreateTable", "AddForeignKey"]
    );
    assert!(matches!(&ops[1], Op::CreateTable(t) if t.indexes.len() == 1));
}

/// The index MySQL made for `Post_authorId_fkey` stays while the key does,
/// and goes with it.
#[test]
fn a_foreign_key_index_is_dropped_only_with_its_key() {
    let mut live = blog();
    live.tables[1]
        .indexes
        .push(index("Post_authorId_fkey", "authorId", IndexKind::Normal));
    assert!(diff(&live, &blog(), &mysql_like()).is_empty());
    assert_eq!(
        descriptions(&diff(&live, &blog(), &caps(TableAlteration::InPlace))),
        ["DropIndex"]
    );
    let mut without_key = blog();
    without_key.tables[1].foreign_keys.clear();
    assert_eq!(
        descriptions(&diff(&live, &without_key, &mysql_like())),
        ["DropForeignKey", "DropIndex"]
    );
    let mut unique = live.clone();
    unique.tables[1].indexes[0].kind = IndexKind::Unique;
    assert_eq!(
        descriptions(&diff(&unique, &blog(), &mysql_like())),
        ["DropForeignKey", "DropIndex", "AddForeignKey"]
    );
}

/// One-to-one becoming one-to-many: the unique index is the key's only
/// index, which MySQL refuses to drop while the key exists; the key is
/// dropped first and added again after, when the database indexes it anew
/// (or uses an index the plan creates).
#[test]
fn a_key_whose_only_index_goes_is_added_again() {
    let mut one_to_one = blog();
    one_to_one.tables[1]
        .indexes
        .push(index("Post_authorId_key", "authorId", IndexKind::Unique));
    let ops = diff(&one_to_one, &blog(), &mysql_like());
    assert_eq!(descriptions(&ops), ["DropForeignKey", "DropIndex", "AddForeignKey"]);
    let mut indexed = blog();
    indexed.tables[1]
        .indexes
        .push(index("Post_authorId_idx", "authorId", IndexKind::Normal));
    let ops = diff(&one_to_one, &indexed, &mysql_like());
    assert_eq!(
        descriptions(&ops),
        ["DropForeignKey", "DropIndex", "CreateIndex", "AddForeignKey"]
    );
    let mut both = one_to_one.clone();
    both.tables[1]
        .indexes
        .push(index("Post_authorId_idx", "authorId", IndexKind::Normal));
    assert_eq!(descriptions(&diff(&both, &indexed, &mysql_like())), ["DropIndex"]);
    assert_eq!(
        descriptions(&diff(&one_to_one, &blog(), &caps(TableAlteration::InPlace))),
        ["DropIndex"]
    );
}

#[test]
fn number_defaults_compare_by_value() {
    use crate::diff::same_default;
    use crate::schema::{DefaultValue, Literal};
    let n = |s: &str| DefaultValue::Literal(Literal::Number(s.into()));
    assert!(same_default(Some(&n("1.0")), Some(&n("1"))));
    assert!(same_default(Some(&n("1.500")), Some(&n("1.5"))));
    assert!(!same_default(Some(&n("1.5")), Some(&n("15"))));
    assert!(!same_default(Some(&n("10")), Some(&n("1"))));
}

/// A date-time default is the same as any spelling of its instant a
/// database reads back, also as the quoted expression Prisma pulls; a
/// quoted constant expression is the same as the literal it holds.
#[test]
fn date_time_and_quoted_constants_compare_by_value() {
    use crate::diff::same_default;
    use crate::schema::{DateTimeDefault, DefaultValue, Literal};
    let d = |s: &str| DefaultValue::Literal(Literal::DateTime(DateTimeDefault::parse(s).unwrap()));
    let s = |s: &str| DefaultValue::Literal(Literal::String(s.into()));
    let e = |s: &str| DefaultValue::Expression(s.into());
    let at = d("2024-03-01T09:00:00+01:00");
    assert!(same_default(Some(&at), Some(&s("2024-03-01 09:00:00 +01:00"))));
    assert!(same_default(Some(&e("'2024-03-01 09:00:00 +01:00'")), Some(&at)));
    assert!(same_default(Some(&at), Some(&s("2024-03-01 08:00:00"))));
    assert!(!same_default(Some(&at), Some(&s("2024-03-01 09:00:00"))));
    assert!(!same_default(Some(&at), Some(&e("now()"))));
    assert!(same_default(Some(&e("'it''s'::text")), Some(&s("it's"))));
    assert!(same_default(Some(&s("a")), Some(&e("('a')"))));
    assert!(!same_default(Some(&s("a")), Some(&e("'a' || 'b'"))));
}

/// A key whose name alone changes is renamed where the database renames
/// constraints, and is no change where keys have no names of their own.
#[test]
fn a_key_renamed_alone_is_renamed() {
    let mut to = blog();
    to.tables[1].foreign_keys[0].name = "post_author".into();
    assert_eq!(
        descriptions(&diff(&blog(), &to, &caps(TableAlteration::InPlace))),
        ["RenameForeignKey"]
    );
    assert!(diff(&blog(), &to, &caps(TableAlteration::Redefine)).is_empty());
    assert_eq!(
        descriptions(&diff(&blog(), &to, &mysql_like())),
        ["DropForeignKey", "AddForeignKey"]
    );
}

/// Prisma 6.19.3 compares no two `Unsupported` types (its own `db pull`
/// writes `interval` for `interval(3)`); a list against a single value, or
/// an `Unsupported` type against a scalar, is still a change.
#[test]
fn unsupported_types_are_not_compared_with_each_other() {
    let unsupported = |sql: &str, list: bool| {
        let mut c = col("c", sql, true);
        c.ty.family = TypeFamily::Unsupported;
        c.ty.list = list;
        c
    };
    let with = |c: Column| Schema {
        tables: vec![table("t", vec![c])],
        ..Schema::default()
    };
    let dialect = caps(TableAlteration::InPlace);
    let same = |a: Column, b: Column| diff(&with(a), &with(b), &dialect).is_empty();
    assert!(same(unsupported("interval(3)", false), unsupported("interval", false)));
    assert!(same(unsupported("circle", false), unsupported("point", false)));
    assert!(!same(unsupported("circle", false), unsupported("circle", true)));
    assert!(!same(unsupported("circle", false), col("c", "TEXT", true)));
}

/// A column that auto-increments and one whose default is `nextval()` of a
/// sequence are the same column (PostgreSQL reads both back alike; Prisma
/// 6.19.3 pulls both as `autoincrement()`); another default is not.
#[test]
fn a_nextval_default_is_auto_increment() {
    let with = |c: Column| Schema {
        tables: vec![table("t", vec![c])],
        ..Schema::default()
    };
    let serial = Column {
        auto_increment: true,
        sequence: None,
        ..col("n", "BIGINT", false)
    };
    let drawing = |expr: &str| Column {
        default: Some(DefaultValue::Expression(expr.into())),
        ..col("n", "BIGINT", false)
    };
    let dialect = caps(TableAlteration::InPlace);
    let same = |a: Column, b: Column| diff(&with(a), &with(b), &dialect).is_empty();
    assert!(same(serial.clone(), drawing("nextval('shared_seq'::regclass)")));
    assert!(same(drawing("NEXTVAL('shared_seq')"), serial.clone()));
    assert!(!same(serial, drawing("now()")));
}

/// `@default(dbgenerated("0"))`, as Prisma 6.19.3 pulls a SQLite `INT(11)
/// DEFAULT 0` or `bool DEFAULT 0`, is the `0` (or `false`) the database
/// reads back; another number or an expression is not.
#[test]
fn a_bare_constant_expression_is_its_literal() {
    use crate::diff::same_default;
    let expr = |e: &str| DefaultValue::Expression(e.into());
    let number = |n: &str| DefaultValue::Literal(Literal::Number(n.into()));
    let boolean = |b| DefaultValue::Literal(Literal::Boolean(b));
    assert!(same_default(Some(&expr("0")), Some(&number("0"))));
    assert!(same_default(Some(&number("-1.50")), Some(&expr("(-1.5)"))));
    assert!(same_default(Some(&expr("0")), Some(&boolean(false))));
    assert!(same_default(Some(&boolean(true)), Some(&expr("1"))));
    assert!(!same_default(Some(&expr("1")), Some(&number("0"))));
    assert!(!same_default(Some(&expr("1")), Some(&boolean(false))));
    assert!(!same_default(Some(&expr("random()")), Some(&number("0"))));
}

/// Where the dialect neither writes nor compares `Json` defaults (MySQL, as
/// Prisma 6.19.3), a `Json` column's default is never a change, whichever
/// side has one; elsewhere it is.
#[test]
fn json_defaults_are_compared_only_where_the_dialect_writes_them() {
    let json = |default: Option<&str>| Column {
        ty: ColumnType {
            family: TypeFamily::Scalar(ScalarType::Json),
            sql: "JSON".into(),
            list: false,
        },
        default: default.map(|d| DefaultValue::Literal(Literal::Json(d.into()))),
        ..col("attrs", "JSON", false)
    };
    let schema = |default: Option<&str>| Schema {
        tables: vec![table("Widget", vec![json(default)])],
        ..Schema::default()
    };
    let mysql = Caps(Capabilities {
        json_defaults: false,
        ..mysql_like().0
    });
    for (a, b) in [(None, Some("{}")), (Some("{}"), None), (Some("{}"), Some("[]"))] {
        assert!(diff(&schema(a), &schema(b), &mysql).is_empty(), "{a:?} -> {b:?}");
        assert!(
            !diff(&schema(a), &schema(b), &mysql_like()).is_empty(),
            "{a:?} -> {b:?}"
        );
    }
}

/// A `Json` column's defaults are one when their documents are, as Prisma
/// 6.19.3 compares them: a PostgreSQL `json` column keeps `'{"a":1}'` as
/// written, a schema may space or order it otherwise. Another document is
/// a change; a constant that is no JSON is none (Prisma's rule); an
/// expression is compared as any.
#[test]
fn json_defaults_compare_as_documents() {
    let json = |default: Option<DefaultValue>| Column {
        ty: ColumnType {
            family: TypeFamily::Scalar(ScalarType::Json),
            sql: "JSON".into(),
            list: false,
        },
        default,
        ..col("attrs", "JSON", false)
    };
    let doc = |d: &str| Some(DefaultValue::Literal(Literal::Json(d.into())));
    let expr = |e: &str| Some(DefaultValue::Expression(e.into()));
    let schema = |default: Option<DefaultValue>| Schema {
        tables: vec![table("Widget", vec![json(default)])],
        ..Schema::default()
    };
    let same = [
        (doc("{\"a\":1,\"b\":[1,2]}"), doc("{ \"b\" : [1, 2], \"a\": 1 }")),
        (expr("'{\"a\":1}'::json"), doc("{\"a\": 1}")),
        (doc("not json"), doc("{}")),
    ];
    for (a, b) in same {
        assert!(
            diff(&schema(a.clone()), &schema(b.clone()), &mysql_like()).is_empty(),
            "{a:?} -> {b:?}"
        );
    }
    let changed = [
        (doc("{\"a\":1}"), doc("{\"a\":2}")),
        (doc("[1,2]"), doc("[2,1]")),
        (doc("{}"), None),
        (None, doc("{}")),
        (expr("'{}'::jsonb || '{}'::jsonb"), doc("{}")),
    ];
    for (a, b) in changed {
        assert!(
            !diff(&schema(a.clone()), &schema(b.clone()), &mysql_like()).is_empty(),
            "{a:?} -> {b:?}"
        );
    }
}
