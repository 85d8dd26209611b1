//! Pulling schemas lowered for a dialect with PostgreSQL's capabilities
//! (named types for enums, scalar lists, named primary keys, join tables
//! with a primary key) that spells every type by its Prisma name. Every
//! pulled text must validate, lower to the schema it was pulled from, and
//! pull to itself again.

use super::*;
use crate::diff::diff;
use crate::psl::diagnostics::{Diagnostics, SourceFiles};
use crate::psl::lower::lower;
use crate::psl::{parse_and_validate, parser};
use crate::schema::{Column, ColumnType, IndexColumn, PrimaryKey, ScalarType, Table, TableNote, TypeFamily};
use crate::testing::PgNames;

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

fn lowered(models: &str) -> Schema {
    let valid = parse_and_validate(SourceFiles::single("s.prisma", format!("{DATASOURCE}{models}")))
        .unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, &PgNames)
}

fn parsed(text: &str) -> Vec<SchemaFile> {
    let mut diags = Diagnostics::default();
    let file = parser::parse(0, text, &mut diags);
    assert!(!diags.has_errors(), "{text}");
    vec![file]
}

/// Pulls `schema` (over `existing`), checks the round trip, returns the text.
fn pulled(schema: &Schema, existing: Option<&str>) -> String {
    let existing = existing.map(|text| parsed(&format!("{DATASOURCE}{text}")));
    let text = pull_text(schema, &PgNames, existing.as_deref());
    let valid = parse_and_validate(SourceFiles::single("pulled.prisma", text.clone()))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    // The database's schema as introspection reads it: in `public`.
    let database = Schema {
        namespaces: vec!["public".into()],
        session_namespace: Some("public".into()),
        ..schema.clone()
    };
    let ops = diff(&database, &lower(&valid.datamodel, &PgNames), &PgNames);
    assert!(ops.is_empty(), "{ops:#?}\n{text}");
    // A pull over the result is the result, but for the relation names
    // Prisma 6.19.3 writes out on kept implicit many-to-many relations
    // (`@relation("AToB")`); from there on, pulls change nothing.
    let again = pull_text(schema, &PgNames, Some(&valid.files));
    assert_eq!(
        crate::testing::without_relation_names(&again),
        crate::testing::without_relation_names(&text),
        "pulling twice changed the text"
    );
    let valid_again = parse_and_validate(SourceFiles::single("again.prisma", again.clone())).unwrap();
    let third = pull_text(schema, &PgNames, Some(&valid_again.files));
    assert_eq!(third, again, "pulling a third time changed the text");
    text
}

fn column(name: &str, sql: &str) -> Column {
    Column {
        name: name.into(),
        ty: ColumnType {
            family: ScalarType::from_name(sql).map_or(TypeFamily::Unsupported, TypeFamily::Scalar),
            sql: sql.into(),
            list: false,
        },
        nullable: false,
        default: None,
        auto_increment: false,
        sequence: None,
    }
}

fn table(name: &str, columns: Vec<Column>, key: &[&str]) -> Table {
    let mut t = Table::new(name);
    t.columns = columns;
    t.primary_key = (!key.is_empty()).then(|| PrimaryKey {
        name: Some(format!("{name}_pkey")),
        columns: key.iter().map(|c| IndexColumn::named(*c)).collect(),
    });
    t
}

#[test]
fn enums_lists_named_keys_and_join_tables() {
    let schema = lowered(
        r#"
enum Status {
  ACTIVE @map("active")
  ARCHIVED
  @@map("status")
}
model Account {
  id     Int      @id(map: "account_pk") @default(autoincrement())
  status Status   @default(ACTIVE)
  tags   String[] @default(["a", "b"])
  scores Int[]
}
model Tag {
  id    String @id
  posts Post[]
}
model Post {
  id   Int   @id
  tags Tag[]
}
"#,
    );
    insta::assert_snapshot!(pulled(&schema, None));
}

#[test]
fn names_that_are_not_identifiers_are_mapped() {
    let mut accounts = table(
        "user accounts",
        vec![column("id", "Int"), column("e-mail", "String")],
        &["id"],
    );
    accounts.columns.push(column("e_mail", "String"));
    accounts.columns.push(column("2fa", "Boolean"));
    let schema = Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![
            accounts,
            table("String", vec![column("id", "Int")], &["id"]),
            table("123", vec![column("id", "Int")], &["id"]),
        ],
        enums: vec![crate::schema::Enum {
            namespace: Default::default(),
            name: "order-status".into(),
            values: vec!["in progress".into(), "".into(), "1st".into()],
        }],
        extensions: Vec::new(),
        notes: Default::default(),
        manages_extensions: false,
    };
    insta::assert_snapshot!(pulled(&schema, None));
}

#[test]
fn a_column_named_like_the_referenced_model_makes_the_relation_ambiguous() {
    let schema = lowered(
        "model User {\n  id Int @id\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  User Int\n  author User @relation(fields: [User], references: [id])\n}\n",
    );
    let text = pulled(&schema, None);
    assert!(
        text.contains("User_Post_UserToUser User @relation(\"Post_UserToUser\", fields: [User], references: [id])"),
        "{text}"
    );
    assert!(
        text.contains("Post_Post_UserToUser Post[] @relation(\"Post_UserToUser\")"),
        "{text}"
    );
}

#[test]
fn a_new_relation_is_named_apart_from_a_kept_unnamed_one() {
    let before = "model A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  as A[]\n}\n";
    let after = "model A {\n  id Int @id\n  bs B[]\n  owned B[] @relation(\"own\")\n}\nmodel B {\n  id Int @id\n  as A[]\n  ownerId Int?\n  owner A? @relation(\"own\", fields: [ownerId], references: [id])\n}\n";
    let text = pulled(&lowered(after), Some(before));
    assert!(text.contains("  bs             B[] @relation(\"AToB\")\n"), "{text}");
    assert!(text.contains("@relation(\"B_ownerIdToA\", fields: [ownerId]"), "{text}");
}

#[test]
fn re_introspection_keeps_names_docs_and_client_side_attributes() {
    let existing = r#"
/// People.
model Person {
  /// The key.
  id        String   @id @default(uuid()) @map("person_id")
  updatedAt DateTime @updatedAt
  secret    String   @ignore
  pets      Pet[]    @relation("owner")

  @@map("people")
}

model Pet {
  id      Int     @id
  ownerId String?
  /// Who feeds it.
  owner   Person? @relation("owner", fields: [ownerId], references: [id])

  @@index([ownerId], name: "byOwner")
}

/// Gone from the database.
model Dropped {
  id Int @id
}
"#;
    let now = lowered(&existing.replace(
        "/// Gone from the database.\nmodel Dropped {\n  id Int @id\n}\n",
        "model Added {\n  id Int @id\n}\n",
    ));
    insta::assert_snapshot!(pulled(&now, Some(existing)));
}

#[test]
fn tables_without_a_unique_criterion_are_ignored_with_a_comment() {
    let mut log = table("log", vec![column("line", "String")], &[]);
    log.columns.push(Column {
        nullable: true,
        ..column("at", "DateTime")
    });
    let schema = Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![log],
        enums: Vec::new(),
        extensions: Vec::new(),
        notes: Default::default(),
        manages_extensions: false,
    };
    let text = pulled(&schema, None);
    assert!(text.contains("/// The underlying table does not contain a valid unique identifier"));
    assert!(text.contains("  @@ignore\n}"));
}

/// Prisma 6.19.3 notes a partitioned table first, then that it has no
/// identifier (pg-venues in tests/fixtures/histories).
#[test]
fn a_partitioned_table_is_noted_before_its_missing_identifier() {
    let schema = Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![table("page_views", vec![column("path", "String")], &[])],
        enums: Vec::new(),
        extensions: Vec::new(),
        manages_extensions: false,
        notes: crate::schema::PullNotes {
            tables: [("page_views".to_string(), vec![TableNote::Partitioned])].into(),
            ..Default::default()
        },
    };
    let text = pulled(&schema, None);
    let partition = text.find("/// This table is a partition table").unwrap();
    let identifier = text.find("/// The underlying table does not contain").unwrap();
    assert!(partition < identifier, "{text}");
    assert_eq!(text.matches("partition table").count(), 1, "{text}");
}

#[test]
fn existing_datasource_and_generators_are_kept_verbatim() {
    let existing = "// Top comment.\n\n/// Doc.\ngenerator client {\n  provider = \"prisma-client-js\" // js\n}\n";
    let text = pulled(&lowered("model A {\n  id Int @id\n}\n"), Some(existing));
    let generator = "// Top comment.\n\n/// Doc.\ngenerator client {\n  provider = \"prisma-client-js\" // js\n}\n";
    // The datasource made for a schema without one goes after the
    // generators, where Prisma 6.19.3 writes the datasource.
    assert!(text.starts_with(&format!("{generator}\n{DATASOURCE}")), "{text}");
}

#[test]
fn the_history_table_is_not_a_model() {
    let history = table("_prisma_migrations", vec![column("id", "String")], &["id"]);
    let schema = Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![history],
        enums: Vec::new(),
        extensions: Vec::new(),
        notes: Default::default(),
        manages_extensions: false,
    };
    assert_eq!(pull_text(&schema, &PgNames, None), DATASOURCE);
}

/// Prisma's re-introspection drops every `//` comment; ours keeps them
/// where their field, value or block still is.
#[test]
fn re_introspection_keeps_line_comments() {
    let existing = r#"
// Who signs in.
/// People.
model User {
  // The key.
  id    Int    @id // trailing on id
  email String // trailing on email
  posts Post[] // trailing on a back relation

  // Looked up by email.
  @@index([email])
  // At the end of User.
}

model Post {
  id       Int  @id
  authorId Int
  // Who wrote it.
  author   User @relation(fields: [authorId], references: [id]) // trailing on a relation
}

model Account {
  id   Int  @id
  role Role
}

// Above an enum.
enum Role {
  // Above a value.
  ADMIN // trailing on a value
  USER
  // At the end of Role.
}

// The end of the file.
"#;
    let text = pulled(&lowered(existing), Some(existing));
    let formatted = crate::psl::format::format_source(&format!("{DATASOURCE}{existing}")).unwrap();
    assert_eq!(text, formatted);
}

/// Prisma 6.19.3's re-introspection writes every generator anew
/// (`provider`, `output`, `previewFeatures` sorted with `fullTextSearch`
/// renamed on PostgreSQL, `binaryTargets`, the rest by name as strings) and
/// a `///` comment at the end of a field's or value's line as a doc line
/// above it. Checked with the kit: this is Prisma's output for this input
/// but for the `//` line, which `migrate` keeps.
#[test]
fn re_introspection_writes_generators_and_trailing_docs_as_prisma() {
    let generators = "generator client {\n  binaryTargets   = [\"native\"]\n  provider        = \"prisma-client-js\"\n  zeta            = \"1\"\n\n  previewFeatures = [\"views\", \"fullTextSearch\"]\n  // Where the client goes.\n  output          = \"./gen\"\n  alpha           = true\n  engineType      = \"library\"\n}\n\n";
    let models = "model Lamp {\n  id   Int    @id /// trailing doc on id\n  /// above doc\n  name String /// trailing two\n  tint Tint\n}\n\nenum Tint {\n  WARM /// doc on WARM\n  /// above COLD\n  COLD /// trailing COLD\n}\n";
    let existing = format!("{generators}{DATASOURCE}\n{models}");
    let text = pull_text(&lowered(models), &PgNames, Some(&parsed(&existing)));
    let expected = "generator client {\n  provider        = \"prisma-client-js\"\n  // Where the client goes.\n  output          = \"./gen\"\n  previewFeatures = [\"fullTextSearchPostgres\", \"views\"]\n  binaryTargets   = [\"native\"]\n  alpha           = \"true\"\n  engineType      = \"library\"\n  zeta            = \"1\"\n}\n\n";
    let expected_models = "model Lamp {\n  /// trailing doc on id\n  id   Int    @id\n  /// above doc\n  /// trailing two\n  name String\n  tint Tint\n}\n\nenum Tint {\n  /// doc on WARM\n  WARM\n  /// above COLD\n  /// trailing COLD\n  COLD\n}\n";
    assert_eq!(text, format!("{expected}{DATASOURCE}\n{expected_models}"));
}

/// A view has no foreign keys to pull its relations from: the models'
/// relation fields to views are kept as the existing schema writes them,
/// as Prisma 6.19.3 keeps them (the schema stays valid).
#[test]
fn relation_fields_to_views_are_kept() {
    let existing = format!(
        "generator client {{\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}}\n\n{DATASOURCE}\nmodel User {{\n  id    Int        @id\n  /// The user's rows.\n  infos UserInfo[]\n}}\n\nview UserInfo {{\n  id     Int  @unique\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}}\n"
    );
    let schema = Schema {
        tables: vec![table("User", vec![column("id", "Int")], &["id"])],
        ..Schema::default()
    };
    let text = pull_text(&schema, &PgNames, Some(&parsed(&existing)));
    assert_eq!(text, existing);
    parse_and_validate(SourceFiles::single("pulled.prisma", text)).unwrap_or_else(|e| panic!("{e}"));
}
