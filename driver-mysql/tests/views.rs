//! Views of a real MySQL or MariaDB database (the server of
//! `MIGRATE_TEST_MYSQL_URL`, each test on a database of its own), as `db
//! pull` reads them with the `views` preview feature: by name, their
//! columns typed as the table path types a table column of the same type,
//! with the nullability and default the server reports; their
//! queries as the server rewrote them. Tables' introspection is unchanged
//! by views, in what it reads and in the statements it sends.

use driver_mysql::MysqlDriver;
use migrate_core::driver::Driver;
use migrate_core::schema::{Column, ColumnType, ScalarType, Schema, Table, TypeFamily, View};
use migrate_core::testing::server::{TestDatabase, TestServer};

/// A table of every kind of column a view selects from, and `Post` to join.
const TABLES: &str = "
CREATE TABLE `User` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL DEFAULT 'anon',
    `bio` TEXT NULL,
    `notes` LONGTEXT NULL,
    `balance` DECIMAL(10, 2) NOT NULL DEFAULT 0,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `seenAt` TIMESTAMP(0) NULL,
    `role` ENUM('ADMIN', 'USER') NOT NULL DEFAULT 'USER',
    `meta` JSON NULL,
    PRIMARY KEY (`id`)
);
CREATE TABLE `Post` (
    `id` INTEGER NOT NULL,
    `authorId` INTEGER NOT NULL,
    `title` VARCHAR(100) NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User` (`id`)
);
";

/// A database of its own for this test, with [`TABLES`], and a driver on
/// it; `None`, said on stderr, when `MIGRATE_TEST_DATABASES` leaves MySQL
/// out.
async fn database() -> Option<(TestDatabase, MysqlDriver)> {
    let db = TestServer::of(&driver_mysql::DATABASE)?.fresh_database()?;
    let mut driver = MysqlDriver::connect(&db.url, None).await.unwrap();
    driver.apply_script(TABLES).await.unwrap();
    Some((db, driver))
}

async fn is_mariadb(driver: &mut MysqlDriver) -> bool {
    let version = driver.query_strings("SELECT VERSION()").await.unwrap();
    version[0].as_deref().unwrap_or("").contains("MariaDB")
}

fn table<'s>(schema: &'s Schema, name: &str) -> &'s Table {
    schema.table(name).unwrap_or_else(|| panic!("no table {name}"))
}

/// The type the table path gives `table`'s column `column`.
fn table_type(schema: &Schema, table_name: &str, column: &str) -> ColumnType {
    let table = table(schema, table_name);
    let column = table
        .column(column)
        .unwrap_or_else(|| panic!("no column {column} in {table:#?}"));
    column.ty.clone()
}

/// A view column named `name` over `table`.`column`: its type and default
/// (the server reports the table column's), never auto-increment.
fn view_column(schema: &Schema, table: &str, column: &str, name: &str, nullable: bool) -> Column {
    let table = schema.tables.iter().find(|t| t.name == table).unwrap();
    Column {
        name: name.to_string(),
        nullable,
        auto_increment: false,
        ..table.column(column).unwrap().clone()
    }
}

/// The default the server reports for a view column over an auto-increment
/// column: MariaDB says 0, MySQL none.
fn key_default(mariadb: bool) -> Option<migrate_core::schema::DefaultValue> {
    use migrate_core::schema::{DefaultValue, Literal};
    mariadb.then(|| DefaultValue::Literal(Literal::Number("0".into())))
}

fn names(views: &[View]) -> Vec<&str> {
    views.iter().map(|v| v.name.as_str()).collect()
}

#[tokio::test]
async fn a_view_over_every_column_kind_types_its_columns_as_the_table_does() {
    let Some((db, mut driver)) = database().await else {
        return;
    };
    driver
        .apply_script("CREATE VIEW `UserView` AS SELECT * FROM `User`;")
        .await
        .unwrap();
    let mariadb = is_mariadb(&mut driver).await;
    let schema = driver.introspect().await.unwrap();
    let of_user = |column: &str| table_type(&schema, "User", column);
    // The view's enum is named after the view, as Prisma names it.
    let mut role = of_user("role");
    role.family = TypeFamily::Enum("UserView_role".into());
    // MariaDB's JSON is a LONGTEXT whose check belongs to the table: the
    // view's column is a plain LONGTEXT.
    let meta = if mariadb { of_user("notes") } else { of_user("meta") };
    let n = &db.name();
    // A view column is the table's column (default included, as the server
    // reports it), never auto-increment.
    let user = schema.tables.iter().find(|t| t.name == "User").unwrap();
    let like_table = |name: &str, ty: Option<ColumnType>| {
        let column = user.column(name).unwrap().clone();
        Column {
            ty: ty.unwrap_or(column.ty.clone()),
            auto_increment: false,
            ..column
        }
    };
    let role_enum = schema.enums.iter().find(|e| e.name == "User_role").unwrap();
    let expected = View {
        commented: false,
        namespace: None,
        name: "UserView".into(),
        columns: vec![
            Column {
                default: key_default(mariadb),
                ..like_table("id", None)
            },
            like_table("name", None),
            like_table("bio", None),
            like_table("notes", None),
            like_table("balance", None),
            like_table("active", None),
            like_table("createdAt", None),
            like_table("seenAt", None),
            like_table("role", Some(role)),
            like_table("meta", Some(meta)),
        ],
        enums: vec![migrate_core::schema::Enum {
            name: "UserView_role".into(),
            ..role_enum.clone()
        }],
        definition: format!(
            "select `{n}`.`User`.`id` AS `id`,`{n}`.`User`.`name` AS `name`,`{n}`.`User`.`bio` AS `bio`,\
             `{n}`.`User`.`notes` AS `notes`,`{n}`.`User`.`balance` AS `balance`,\
             `{n}`.`User`.`active` AS `active`,`{n}`.`User`.`createdAt` AS `createdAt`,\
             `{n}`.`User`.`seenAt` AS `seenAt`,`{n}`.`User`.`role` AS `role`,`{n}`.`User`.`meta` AS `meta` \
             from `{n}`.`User`"
        ),
    };
    let views = driver.introspect_views().await.unwrap();
    assert_eq!(views, [expected]);

    // The types themselves, as the table path spells them.
    let types: Vec<(&str, &TypeFamily, &str)> = views[0]
        .columns
        .iter()
        .map(|c| (c.name.as_str(), &c.ty.family, c.ty.sql.as_str()))
        .collect();
    let scalar = TypeFamily::Scalar;
    let (json_family, json_sql) = match mariadb {
        true => (scalar(ScalarType::String), "LONGTEXT"),
        false => (scalar(ScalarType::Json), "JSON"),
    };
    assert_eq!(
        types,
        [
            ("id", &scalar(ScalarType::Int), "INTEGER"),
            ("name", &scalar(ScalarType::String), "VARCHAR(191)"),
            ("bio", &scalar(ScalarType::String), "TEXT"),
            ("notes", &scalar(ScalarType::String), "LONGTEXT"),
            ("balance", &scalar(ScalarType::Decimal), "DECIMAL(10, 2)"),
            ("active", &scalar(ScalarType::Boolean), "BOOLEAN"),
            ("createdAt", &scalar(ScalarType::DateTime), "DATETIME(3)"),
            ("seenAt", &scalar(ScalarType::DateTime), "TIMESTAMP(0)"),
            (
                "role",
                &TypeFamily::Enum("UserView_role".into()),
                "ENUM('ADMIN', 'USER')"
            ),
            ("meta", &json_family, json_sql),
        ]
    );
}

#[tokio::test]
async fn views_with_joins_take_the_nullability_the_server_derives() {
    let Some((db, mut driver)) = database().await else {
        return;
    };
    driver
        .apply_script(
            "CREATE VIEW `PostAuthor` AS SELECT p.id AS postId, p.title, u.name AS author \
             FROM `Post` p JOIN `User` u ON u.id = p.authorId;\n\
             CREATE VIEW `UserPost` AS SELECT u.id, p.authorId AS postAuthor \
             FROM `User` u LEFT JOIN `Post` p ON p.authorId = u.id;",
        )
        .await
        .unwrap();
    let mariadb = is_mariadb(&mut driver).await;
    let schema = driver.introspect().await.unwrap();
    let n = &db.name();
    // MySQL 8 doubles the parentheses of a join condition; MariaDB does not.
    let on = |condition: &str| match mariadb {
        true => format!("on({condition})"),
        false => format!("on(({condition}))"),
    };
    let expected = [
        View {
            commented: false,
            namespace: None,
            enums: Vec::new(),
            name: "PostAuthor".into(),
            columns: vec![
                view_column(&schema, "Post", "id", "postId", false),
                view_column(&schema, "Post", "title", "title", true),
                view_column(&schema, "User", "name", "author", false),
            ],
            definition: format!(
                "select `p`.`id` AS `postId`,`p`.`title` AS `title`,`u`.`name` AS `author` \
                 from (`{n}`.`Post` `p` join `{n}`.`User` `u` {})",
                on("`u`.`id` = `p`.`authorId`")
            ),
        },
        View {
            commented: false,
            namespace: None,
            enums: Vec::new(),
            name: "UserPost".into(),
            columns: vec![
                Column {
                    default: key_default(mariadb),
                    ..view_column(&schema, "User", "id", "id", false)
                },
                // NOT NULL in `Post`, but a LEFT JOIN can leave it NULL.
                view_column(&schema, "Post", "authorId", "postAuthor", true),
            ],
            definition: format!(
                "select `u`.`id` AS `id`,`p`.`authorId` AS `postAuthor` \
                 from (`{n}`.`User` `u` left join `{n}`.`Post` `p` {})",
                on("`p`.`authorId` = `u`.`id`")
            ),
        },
    ];
    assert_eq!(driver.introspect_views().await.unwrap(), expected);
}

#[tokio::test]
async fn odd_names_come_back_as_they_are_in_byte_order() {
    let Some((db, mut driver)) = database().await else {
        return;
    };
    driver
        .apply_script(
            "CREATE VIEW `odd view``s \"name\"` AS SELECT `name` AS `the name` FROM `User`;\n\
             CREATE VIEW `b` AS SELECT `id` FROM `Post`;\n\
             CREATE VIEW `Zed` AS SELECT `id` FROM `Post`;\n\
             CREATE VIEW `A` AS SELECT `id` FROM `Post`;",
        )
        .await
        .unwrap();
    let schema = driver.introspect().await.unwrap();
    let views = driver.introspect_views().await.unwrap();
    assert_eq!(names(&views), ["A", "Zed", "b", "odd view`s \"name\""]);
    let n = &db.name();
    assert_eq!(
        views[3],
        View {
            commented: false,
            namespace: None,
            enums: Vec::new(),
            name: "odd view`s \"name\"".into(),
            columns: vec![view_column(&schema, "User", "name", "the name", false)],
            definition: format!("select `{n}`.`User`.`name` AS `the name` from `{n}`.`User`"),
        }
    );
    assert_eq!(
        views[0].definition,
        format!("select `{n}`.`Post`.`id` AS `id` from `{n}`.`Post`")
    );
}

/// `introspect()` reads the same tables, in as many statements, with views
/// as without; `introspect_views()` reads in three statements whatever the
/// number of views (the views, the columns, the server's version).
#[tokio::test]
async fn tables_are_introspected_as_before_and_views_in_three_statements() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    assert_eq!(driver.introspect_views().await.unwrap(), []);
    let sent = driver.statements_sent();
    let before = driver.introspect().await.unwrap();
    let statements_before = driver.statements_sent() - sent;

    let views: String = (1..=20)
        .map(|i| format!("CREATE VIEW `v{i:02}` AS SELECT `id`, `title` FROM `Post`;\n"))
        .collect();
    driver.apply_script(&views).await.unwrap();

    let sent = driver.statements_sent();
    let after = driver.introspect().await.unwrap();
    let statements_after = driver.statements_sent() - sent;
    assert_eq!(after, before);
    let tables: Vec<&str> = after.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tables, ["Post", "User"]);
    assert_eq!(statements_after, statements_before);
    assert!(statements_after <= 7, "{statements_after} statements");

    let sent = driver.statements_sent();
    let views = driver.introspect_views().await.unwrap();
    assert_eq!(driver.statements_sent() - sent, 3);
    assert_eq!(views.len(), 20);
    assert_eq!((views[0].name.as_str(), views[0].columns.len()), ("v01", 2));
    assert!(views.iter().all(|v| v.columns.iter().all(|c| !c.auto_increment)));
}
