//! Introspection of MySQL/MariaDB databases made with plain SQL (MariaDB's
//! spellings here): types, defaults, keys, indexes, foreign keys, enums,
//! JSON; the statement count that does not grow with the tables; and what
//! `db pull` writes for them. Each test on its own database.

use driver_mysql::{MysqlDialect, MysqlDriver};
use migrate_core::diff::diff;
use migrate_core::driver::{Dialect, Driver, FieldTypeRef};
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::lower::lower;
use migrate_core::psl::parse_and_validate;
use migrate_core::psl::to_psl::pull_text;
use migrate_core::schema::{
    Column, DefaultValue, Enum, IndexColumn, IndexKind, Literal, ReferentialAction, ScalarType, Schema, SortOrder,
    Table, TypeFamily,
};
use migrate_tests::harness::{is_mariadb, DbKind};
use migrate_tests::servers::ServerDatabase;

async fn database() -> Option<(ServerDatabase, MysqlDriver)> {
    ServerDatabase::mysql_session().await
}

/// Runs `sql` (statements separated by `;` at line ends) and introspects.
async fn introspect_after(driver: &mut MysqlDriver, sql: &str) -> Schema {
    driver.apply_script(sql).await.unwrap_or_else(|e| panic!("{e}\n{sql}"));
    driver.introspect().await.unwrap_or_else(|e| panic!("{e}"))
}

fn table<'s>(schema: &'s Schema, name: &str) -> &'s Table {
    schema
        .table(name)
        .unwrap_or_else(|| panic!("no table {name} in {schema:#?}"))
}

fn column<'t>(table: &'t Table, name: &str) -> &'t Column {
    table
        .column(name)
        .unwrap_or_else(|| panic!("no column {name} in {table:#?}"))
}

/// The type lowering gives a scalar field with no native type.
fn scalar_type_sql(scalar: ScalarType) -> String {
    MysqlDialect
        .column_type(FieldTypeRef::Scalar {
            scalar,
            native: None,
            list: false,
        })
        .sql
}

#[tokio::test]
async fn every_type_family_reads_back_as_its_prisma_scalar() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `T` (
            `id` INTEGER NOT NULL,
            `s` VARCHAR(191) NOT NULL,
            `txt` TEXT NULL,
            `c` CHAR(3) NULL,
            `b` BOOLEAN NOT NULL,
            `i` INTEGER NULL,
            `si` SMALLINT NULL,
            `ti` TINYINT NULL,
            `mi` MEDIUMINT NULL,
            `ui` INTEGER UNSIGNED NULL,
            `bi` BIGINT NULL,
            `ubi` BIGINT UNSIGNED NULL,
            `f` DOUBLE NULL,
            `fl` FLOAT NULL,
            `d` DECIMAL(65, 30) NULL,
            `d2` DECIMAL(10, 2) NULL,
            `dt` DATETIME(3) NULL,
            `ts` TIMESTAMP(6) NULL,
            `da` DATE NULL,
            `tm` TIME NULL,
            `j` JSON NULL,
            `by` LONGBLOB NULL,
            `vb` VARBINARY(16) NULL,
            `e` ENUM('A', 'B') NULL,
            PRIMARY KEY (`id`)
        );",
    )
    .await;
    let t = table(&schema, "T");
    let family = |name: &str| column(t, name).ty.family.clone();
    use ScalarType::*;
    let expected = [
        ("id", Int),
        ("s", String),
        ("txt", String),
        ("c", String),
        ("b", Boolean),
        ("i", Int),
        ("si", Int),
        ("ti", Int),
        ("mi", Int),
        ("ui", Int),
        ("bi", BigInt),
        ("ubi", BigInt),
        ("f", Float),
        ("fl", Float),
        ("d", Decimal),
        ("d2", Decimal),
        ("dt", DateTime),
        ("ts", DateTime),
        ("da", DateTime),
        ("tm", DateTime),
        ("j", Json),
        ("by", Bytes),
        ("vb", Bytes),
    ];
    for (name, scalar) in expected {
        assert_eq!(family(name), TypeFamily::Scalar(scalar), "column {name}");
    }
    assert_eq!(family("e"), TypeFamily::Enum("T_e".into()));
    // The scalars' own types are lowering's spelling, whichever the server.
    for (name, scalar) in [("id", Int), ("s", String), ("b", Boolean), ("bi", BigInt), ("f", Float)] {
        assert_eq!(column(t, name).ty.sql, scalar_type_sql(scalar), "column {name}");
    }
    for (name, scalar) in [("d", Decimal), ("dt", DateTime), ("j", Json), ("by", Bytes)] {
        assert_eq!(column(t, name).ty.sql, scalar_type_sql(scalar), "column {name}");
    }
    assert!(!column(t, "id").nullable && column(t, "i").nullable);
}

#[tokio::test]
async fn json_is_json_on_mariadb_where_it_is_a_checked_longtext() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `J` (`id` INTEGER PRIMARY KEY, `doc` JSON NOT NULL DEFAULT ('{\"a\":1}'), `plain` LONGTEXT NULL);",
    ).await;
    let t = table(&schema, "J");
    let doc = column(t, "doc");
    assert_eq!(doc.ty.family, TypeFamily::Scalar(ScalarType::Json));
    assert_eq!(doc.ty.sql, scalar_type_sql(ScalarType::Json));
    assert_eq!(
        doc.default,
        Some(DefaultValue::Literal(Literal::Json("{\"a\":1}".into())))
    );
    // A LONGTEXT without the check stays text.
    assert_eq!(column(t, "plain").ty.family, TypeFamily::Scalar(ScalarType::String));
    if is_mariadb(&mut driver).await {
        let clause = driver
            .query_strings("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE TABLE_NAME = 'J'")
            .await
            .unwrap();
        assert_eq!(clause, [Some("json_valid(`doc`)".to_string())]);
    }
}

#[tokio::test]
async fn defaults_of_every_kind_in_mariadbs_spellings() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `D` (
            `id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
            `s` VARCHAR(191) NOT NULL DEFAULT 'it''s \\\\ a\\nb',
            `empty` VARCHAR(191) NOT NULL DEFAULT '',
            `null_text` VARCHAR(191) NULL DEFAULT 'NULL',
            `no_default` VARCHAR(191) NULL,
            `null_default` VARCHAR(191) NULL DEFAULT NULL,
            `yes` BOOLEAN NOT NULL DEFAULT true,
            `no` BOOLEAN NOT NULL DEFAULT false,
            `n` INTEGER NOT NULL DEFAULT -5,
            `big` BIGINT NOT NULL DEFAULT 9007199254740993,
            `f` DOUBLE NOT NULL DEFAULT 1.5,
            `d` DECIMAL(65, 30) NOT NULL DEFAULT 1.5,
            `d2` DECIMAL(10, 2) NOT NULL DEFAULT 2.50,
            `now3` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
            `now0` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
            `at` DATETIME(3) NOT NULL DEFAULT '2020-01-02 03:04:05.000',
            `bytes` VARBINARY(8) NOT NULL DEFAULT 0x6869270A,
            `role` ENUM('USER', 'ADMIN') NOT NULL DEFAULT 'ADMIN',
            `uuid` CHAR(36) NOT NULL DEFAULT (uuid()),
            `sum` INTEGER NOT NULL DEFAULT (1 + 2)
        );",
    )
    .await;
    let t = table(&schema, "D");
    let default = |name: &str| column(t, name).default.clone();
    let literal = |l: Literal| Some(DefaultValue::Literal(l));
    assert_eq!(default("id"), None);
    assert!(column(t, "id").auto_increment);
    assert_eq!(default("s"), literal(Literal::String("it's \\ a\nb".into())));
    assert_eq!(default("empty"), literal(Literal::String(String::new())));
    assert_eq!(default("null_text"), literal(Literal::String("NULL".into())));
    assert_eq!(default("no_default"), None);
    assert_eq!(default("null_default"), None);
    assert_eq!(default("yes"), literal(Literal::Boolean(true)));
    assert_eq!(default("no"), literal(Literal::Boolean(false)));
    assert_eq!(default("n"), literal(Literal::Number("-5".into())));
    assert_eq!(default("big"), literal(Literal::Number("9007199254740993".into())));
    assert_eq!(default("f"), literal(Literal::Number("1.5".into())));
    assert_eq!(default("d"), literal(Literal::Number("1.5".into())));
    assert_eq!(default("d2"), literal(Literal::Number("2.5".into())));
    assert_eq!(default("now3"), Some(DefaultValue::Now));
    assert_eq!(default("now0"), Some(DefaultValue::Now));
    // Prisma 6.19.3's describer (sql-schema-describer/src/mysql.rs) reads
    // every MariaDB date-time constant as an expression, in parentheses.
    let at = if is_mariadb(&mut driver).await {
        Some(DefaultValue::Expression("('2020-01-02 03:04:05.000')".into()))
    } else {
        literal(Literal::String("2020-01-02 03:04:05.000".into()))
    };
    assert_eq!(default("at"), at);
    // MariaDB prints a binary default as text: bytes that are not UTF-8
    // come back as `?`, so only text bytes can be read back.
    assert_eq!(default("bytes"), literal(Literal::Bytes("6869270a".into())));
    assert_eq!(default("role"), literal(Literal::EnumValue("ADMIN".into())));
    // An expression in parentheses, as Prisma's describer gives it.
    assert_eq!(default("uuid"), Some(DefaultValue::Expression("(uuid())".into())));
    let sum = default("sum");
    assert!(
        matches!(&sum, Some(DefaultValue::Expression(e)) if e.replace(['(', ')', ' '], "") == "1+2"),
        "{sum:?}"
    );
}

#[tokio::test]
async fn a_tinyint_1_defaulting_to_another_number_is_an_int() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    // Prisma 6.19.3's describer (sql-schema-describer/src/mysql.rs,
    // `get_column_type`) reads `tinyint(1)` as a Boolean only when its
    // default is none, 0 or 1.
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `Legacy` (`id` INTEGER PRIMARY KEY, `level` TINYINT(1) NOT NULL DEFAULT 2,
            `on` TINYINT(1) NOT NULL DEFAULT 1, `off` TINYINT(1) NULL);",
    )
    .await;
    let t = table(&schema, "Legacy");
    assert_eq!(column(t, "level").ty.family, TypeFamily::Scalar(ScalarType::Int));
    assert_eq!(
        column(t, "level").default,
        Some(DefaultValue::Literal(Literal::Number("2".into())))
    );
    for name in ["on", "off"] {
        assert_eq!(
            column(t, name).ty.family,
            TypeFamily::Scalar(ScalarType::Boolean),
            "{name}"
        );
    }
    let text = pull_text(&schema, &MysqlDialect, None);
    assert!(text.contains("level Int      @default(2) @db.TinyInt"), "{text}");
    let valid = parse_and_validate(SourceFiles::single("pulled.prisma", text.clone())).unwrap();
    let ops = diff(&schema, &lower(&valid.datamodel, &MysqlDialect), &MysqlDialect);
    assert!(ops.is_empty(), "{ops:#?}\n{text}");
}

#[tokio::test]
async fn auto_increment_unsigned_and_composite_primary_keys() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `A` (`id` INTEGER UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`));
         CREATE TABLE `B` (`x` INTEGER NOT NULL, `y` VARCHAR(10) NOT NULL, PRIMARY KEY (`y`, `x`));",
    )
    .await;
    let a = table(&schema, "A");
    let id = column(a, "id");
    assert!(id.auto_increment && id.default.is_none());
    assert_eq!(id.ty.family, TypeFamily::Scalar(ScalarType::Int));
    assert!(id.ty.sql.to_ascii_uppercase().contains("UNSIGNED"), "{}", id.ty.sql);
    assert_eq!(
        a.primary_key.as_ref().map(|pk| pk.columns.clone()),
        Some(vec![IndexColumn::named("id")])
    );
    let b = table(&schema, "B");
    let pk = b.primary_key.as_ref().unwrap();
    assert_eq!(pk.name, None);
    assert_eq!(pk.columns, [IndexColumn::named("y"), IndexColumn::named("x")]);
    assert!(!column(b, "x").auto_increment);
}

#[tokio::test]
async fn unique_normal_and_fulltext_indexes_with_sort_and_length() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `I` (
            `id` INTEGER PRIMARY KEY,
            `email` VARCHAR(191) NOT NULL,
            `a` VARCHAR(191) NOT NULL,
            `b` INTEGER NOT NULL,
            `body` TEXT NOT NULL,
            `title` VARCHAR(100) NOT NULL,
            UNIQUE INDEX `I_email_key` (`email`),
            INDEX `I_a_b_idx` (`a`(10), `b` DESC),
            UNIQUE INDEX `I_b_a_key` (`b` DESC, `a`),
            FULLTEXT INDEX `I_body_title_idx` (`body`, `title`)
        );",
    )
    .await;
    let t = table(&schema, "I");
    let index = |name: &str| t.index(name).unwrap_or_else(|| panic!("no index {name} in {t:#?}"));
    assert_eq!(t.indexes.len(), 4);
    assert_eq!(index("I_email_key").kind, IndexKind::Unique);
    assert_eq!(index("I_email_key").columns, [IndexColumn::named("email")]);
    let a_b = index("I_a_b_idx");
    assert_eq!(a_b.kind, IndexKind::Normal);
    assert_eq!(
        a_b.columns,
        [
            IndexColumn {
                length: Some(10),
                ..IndexColumn::named("a")
            },
            IndexColumn {
                sort: Some(SortOrder::Desc),
                ..IndexColumn::named("b")
            },
        ]
    );
    assert_eq!(index("I_b_a_key").kind, IndexKind::Unique);
    assert_eq!(index("I_b_a_key").columns[0].sort, Some(SortOrder::Desc));
    let fulltext = index("I_body_title_idx");
    assert_eq!(fulltext.kind, IndexKind::Fulltext);
    assert_eq!(
        fulltext.columns,
        [IndexColumn::named("body"), IndexColumn::named("title")]
    );
    assert!(t.indexes.iter().all(|i| i.algorithm.is_none()));
}

#[tokio::test]
async fn foreign_keys_with_every_action_and_the_index_mysql_adds_for_them() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `P` (`id` INTEGER NOT NULL, `k` INTEGER NOT NULL, PRIMARY KEY (`id`, `k`));
         CREATE TABLE `C` (
            `id` INTEGER PRIMARY KEY,
            `p1` INTEGER NULL, `k1` INTEGER NULL,
            `p2` INTEGER NULL,
            `p3` INTEGER NULL,
            `p4` INTEGER NULL,
            INDEX `C_p2_idx` (`p2`),
            CONSTRAINT `C_p1_k1_fkey` FOREIGN KEY (`p1`, `k1`) REFERENCES `P` (`id`, `k`) ON DELETE CASCADE ON UPDATE SET NULL,
            CONSTRAINT `C_p2_fkey` FOREIGN KEY (`p2`) REFERENCES `P` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION,
            CONSTRAINT `C_p3_fkey` FOREIGN KEY (`p3`) REFERENCES `P` (`id`) ON DELETE SET NULL ON UPDATE CASCADE,
            CONSTRAINT `C_p4_fkey` FOREIGN KEY (`p4`) REFERENCES `P` (`id`) ON DELETE NO ACTION ON UPDATE RESTRICT
         );",
    ).await;
    let c = table(&schema, "C");
    let fk = |name: &str| {
        c.foreign_key(name)
            .unwrap_or_else(|| panic!("no foreign key {name} in {c:#?}"))
    };
    use ReferentialAction::*;
    let composite = fk("C_p1_k1_fkey");
    assert_eq!(composite.columns, ["p1", "k1"]);
    assert_eq!(composite.referenced_table, "P");
    assert_eq!(composite.referenced_columns, ["id", "k"]);
    assert_eq!((composite.on_delete, composite.on_update), (Cascade, SetNull));
    assert_eq!(
        (fk("C_p2_fkey").on_delete, fk("C_p2_fkey").on_update),
        (Restrict, NoAction)
    );
    assert_eq!(
        (fk("C_p3_fkey").on_delete, fk("C_p3_fkey").on_update),
        (SetNull, Cascade)
    );
    assert_eq!(
        (fk("C_p4_fkey").on_delete, fk("C_p4_fkey").on_update),
        (NoAction, Restrict)
    );
    assert_eq!(c.foreign_keys.len(), 4);
    // MySQL indexes a key's columns when no index starts with them, under
    // the constraint's name; `p2` has its own index.
    let names: Vec<(&str, IndexKind)> = c.indexes.iter().map(|i| (i.name.as_str(), i.kind)).collect();
    assert_eq!(
        names,
        [
            ("C_p1_k1_fkey", IndexKind::Normal),
            ("C_p2_idx", IndexKind::Normal),
            ("C_p3_fkey", IndexKind::Normal),
            ("C_p4_fkey", IndexKind::Normal),
        ]
    );
}

#[tokio::test]
async fn inline_enums_are_named_after_table_and_column() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `User` (`id` INTEGER PRIMARY KEY, `role` ENUM('USER', 'ADMIN', 'it''s', 'a,b') NOT NULL);
         CREATE TABLE `Post` (`id` INTEGER PRIMARY KEY, `state` ENUM('draft', 'live') NULL, `role` ENUM('USER') NULL);",
    )
    .await;
    let name = |t: &str, c: &str| column(table(&schema, t), c).ty.family.clone();
    assert_eq!(name("User", "role"), TypeFamily::Enum("User_role".into()));
    assert_eq!(name("Post", "state"), TypeFamily::Enum("Post_state".into()));
    let e = |name: &str, values: &[&str]| Enum {
        namespace: Default::default(),
        name: name.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    assert_eq!(
        schema.enums,
        [
            e("Post_role", &["USER"]),
            e("Post_state", &["draft", "live"]),
            e("User_role", &["USER", "ADMIN", "it's", "a,b"]),
        ]
    );
}

#[tokio::test]
async fn tables_in_name_order_without_the_history_table() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    driver.create_history_table().await.unwrap();
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `b` (`id` INTEGER PRIMARY KEY);
         CREATE TABLE `B` (`id` INTEGER PRIMARY KEY);
         CREATE TABLE `a` (`id` INTEGER PRIMARY KEY);
         CREATE VIEW `v` AS SELECT `id` FROM `a`;",
    )
    .await;
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["B", "a", "b"]);
}

/// `n` tables like bench/gen-tables.sql.sh's (a key, two columns, an index,
/// a unique index, a foreign key to the previous table), one statement each.
fn tables_sql(n: usize) -> String {
    (1..=n)
        .map(|i| {
            let fk = match i {
                1 => String::new(),
                _ => format!(
                    ", CONSTRAINT `t{i}_parent_fkey` FOREIGN KEY (`parent`) REFERENCES `t{}` (`id`)",
                    i - 1
                ),
            };
            format!(
                "CREATE TABLE `t{i}` (`id` INTEGER AUTO_INCREMENT PRIMARY KEY, `name` VARCHAR(100) NOT NULL, \
                 `parent` INTEGER, `kind` ENUM('a', 'b') NULL, INDEX `t{i}_name_idx` (`name`), \
                 UNIQUE INDEX `t{i}_parent_key` (`parent`){fk});\n"
            )
        })
        .collect()
}

/// Statements introspection sends for a database of `n` tables.
async fn statements_to_introspect(n: usize) -> (u64, Schema) {
    let (_db, mut driver) = database().await.expect("mysql selected");
    driver.apply_script(&tables_sql(n)).await.unwrap();
    let before = driver.statements_sent();
    let schema = driver.introspect().await.unwrap();
    (driver.statements_sent() - before, schema)
}

#[tokio::test]
async fn introspection_sends_as_many_statements_for_1000_tables_as_for_10() {
    if !DbKind::Mysql.selected() {
        return;
    }
    let (ten, small) = statements_to_introspect(10).await;
    let (thousand, big) = statements_to_introspect(1000).await;
    assert_eq!(small.tables.len(), 10);
    assert_eq!(big.tables.len(), 1000);
    assert_eq!(big.enums.len(), 1000);
    let last = table(&big, "t1000");
    assert_eq!(
        (last.columns.len(), last.indexes.len(), last.foreign_keys.len()),
        (4, 2, 1)
    );
    assert_eq!(ten, thousand);
    assert!(ten <= 7, "{ten} statements");
}

#[tokio::test]
async fn a_database_made_from_a_lowered_schema_diffs_to_nothing() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let source = r#"
datasource db {
  provider = "mysql"
  url      = env("DATABASE_URL")
}

enum Role {
  USER
  ADMIN
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?  @db.VarChar(100)
  bio       String?  @db.Text
  role      Role     @default(USER)
  active    Boolean  @default(true)
  score     Float    @default(1.5)
  balance   Decimal  @default(2.5) @db.Decimal(10, 2)
  big       BigInt   @default(7)
  small     Int      @default(-3) @db.SmallInt
  count     Int      @default(0) @db.UnsignedInt
  data      Json?
  avatar    Bytes?
  createdAt DateTime @default(now())
  seenAt    DateTime @default(now()) @db.Timestamp(0)
  label     String   @default("it's \\ here")
  token     String   @default(dbgenerated("(uuid())")) @db.Char(36)
  posts     Post[]

  @@index([name(length: 10), active(sort: Desc)])
  @@fulltext([bio])
}

model Post {
  id       Int    @id @default(autoincrement())
  authorId Int
  title    String
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@unique([title(sort: Desc), authorId])
}
"#;
    let valid =
        parse_and_validate(SourceFiles::single("schema.prisma", source.to_string())).unwrap_or_else(|e| panic!("{e}"));
    let lowered = lower(&valid.datamodel, &MysqlDialect);
    let script = MysqlDialect
        .render(&diff(&Schema::default(), &lowered, &MysqlDialect))
        .unwrap();
    let introspected = introspect_after(&mut driver, &script).await;
    let ops = diff(&introspected, &lowered, &MysqlDialect);
    assert!(ops.is_empty(), "{ops:#?}\n{script}");
}

/// A plain index on a column wider than the key limit is cut to a prefix
/// by the server itself (note 1071); that prefix is no difference from the
/// schema, which never wrote it. An explicit shorter prefix still is one.
#[tokio::test]
async fn prefixes_the_server_chose_are_no_difference() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let source = |length: &str| {
        format!(
            "datasource db {{\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel Doc {{\n  id    Int    @id\n  title String @db.VarChar(1000)\n  path  Bytes  @db.VarBinary(4000)\n\n  @@index([title{length}])\n  @@index([path])\n}}\n"
        )
    };
    let lowered = |length: &str| {
        let valid =
            parse_and_validate(SourceFiles::single("schema.prisma", source(length))).unwrap_or_else(|e| panic!("{e}"));
        lower(&valid.datamodel, &MysqlDialect)
    };
    let script = MysqlDialect
        .render(&diff(&Schema::default(), &lowered(""), &MysqlDialect))
        .unwrap();
    let introspected = introspect_after(&mut driver, &script).await;
    let ops = diff(&introspected, &lowered(""), &MysqlDialect);
    assert!(ops.is_empty(), "{ops:#?}");
    let shorter = diff(&introspected, &lowered("(length: 100)"), &MysqlDialect);
    assert_eq!(shorter.len(), 2, "{shorter:#?}");
}

#[tokio::test]
async fn db_pull_of_a_mariadb_database() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `User` (
            `id` INTEGER NOT NULL AUTO_INCREMENT,
            `email` VARCHAR(191) NOT NULL,
            `name` VARCHAR(100) NULL,
            `role` ENUM('USER', 'ADMIN') NOT NULL DEFAULT 'USER',
            `active` BOOLEAN NOT NULL DEFAULT true,
            `visits` INTEGER UNSIGNED NOT NULL DEFAULT 0,
            `profile` JSON NULL,
            `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
            `updatedAt` DATETIME(3) NOT NULL,
            `token` CHAR(36) NOT NULL DEFAULT (uuid()),
            PRIMARY KEY (`id`),
            UNIQUE INDEX `User_email_key` (`email`),
            INDEX `User_name_active_idx` (`name`(10), `active` DESC)
         );
         CREATE TABLE `Post` (
            `id` INTEGER NOT NULL AUTO_INCREMENT,
            `title` VARCHAR(191) NOT NULL,
            `body` TEXT NOT NULL,
            `authorId` INTEGER NOT NULL,
            `score` DOUBLE NOT NULL DEFAULT 0,
            `price` DECIMAL(10, 2) NULL,
            PRIMARY KEY (`id`),
            FULLTEXT INDEX `Post_title_body_idx` (`title`, `body`),
            CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User` (`id`) ON DELETE CASCADE ON UPDATE CASCADE
         );",
    ).await;
    let text = pull_text(&schema, &MysqlDialect, None);
    // Prisma 6.19.3's describer (sql-schema-describer/src/mysql.rs,
    // `dbgenerated_expression`) puts an expression default in parentheses.
    assert!(text.contains(r#"@default(dbgenerated("(uuid())"))"#), "{text}");
    insta::assert_snapshot!(text);
    // The pulled schema validates and describes the database.
    let valid = parse_and_validate(SourceFiles::single("pulled.prisma", text.clone()))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let lowered = lower(&valid.datamodel, &MysqlDialect);
    let ops = diff(&schema, &lowered, &MysqlDialect);
    assert!(ops.is_empty(), "{ops:#?}\n{text}");
    // Pulling again over a schema that named the enum keeps its name.
    let renamed = text.replace("User_role", "Role");
    let existing = parse_and_validate(SourceFiles::single("schema.prisma", renamed.clone())).unwrap();
    let again = pull_text(&schema, &MysqlDialect, Some(&existing.files));
    assert!(
        again.contains("enum Role {") && again.contains(" Role ") && !again.contains("User_role"),
        "{again}"
    );
}

#[tokio::test]
async fn re_introspection_keeps_an_enum_several_columns_shared() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let schema = introspect_after(
        &mut driver,
        "CREATE TABLE `A` (`id` INTEGER PRIMARY KEY, `level` ENUM('LOW', 'HIGH') NOT NULL DEFAULT 'HIGH');
         CREATE TABLE `B` (`id` INTEGER PRIMARY KEY, `level` ENUM('LOW', 'HIGH') NULL, `mood` ENUM('up') NULL);",
    )
    .await;
    let existing = "datasource db {\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n\
        model A {\n  id Int @id\n  level Level @default(HIGH)\n}\n\n\
        model B {\n  id Int @id\n  level Level?\n}\n\n\
        /// Doc kept.\nenum Level {\n  LOW\n  HIGH\n}\n";
    let existing = parse_and_validate(SourceFiles::single("schema.prisma", existing.to_string())).unwrap();
    let text = pull_text(&schema, &MysqlDialect, Some(&existing.files));
    insta::assert_snapshot!(text);
    let valid = parse_and_validate(SourceFiles::single("pulled.prisma", text.clone()))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let ops = diff(&schema, &lower(&valid.datamodel, &MysqlDialect), &MysqlDialect);
    assert!(ops.is_empty(), "{ops:#?}\n{text}");
}
