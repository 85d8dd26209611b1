//! `db pull` with the `views` preview feature writes what Prisma 6.19.3
//! writes: the `view` blocks in the schema, and each view's query in
//! `views/<schema>/<view>.sql` beside it. Each `tests/fixtures/pull_views/<name>/`
//! holds the SQL that makes a database (`postgres.sql`, `sqlite.sql`), the
//! schema pulled over (`schema.prisma`), and the real Prisma's result in
//! `prisma-6.19.3.<provider>/` (generated, never edited).

mod common;

use common::{assert_no_drift, migrate_on, utf8, write};
use migrate_tests::fixtures_dir;
use migrate_tests::harness::{is_mariadb, DbKind, TempDir, TestDb};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` whose name ends in `.sql`, by path relative to it.
fn sql_files(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            for (rel, text) in sql_files(&path) {
                found.insert(format!("{}/{rel}", entry.file_name().to_string_lossy()), text);
            }
        } else if path.extension().is_some_and(|x| x == "sql") {
            found.insert(
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            );
        }
    }
    found
}

/// Pulls the fixture's database over its schema in a new project, with a
/// stale view file and a file of the user's in `views/`, and compares with
/// Prisma's pull. Returns the project and what the pull printed on
/// standard output (its warnings included).
fn pull_like_prisma(fixture: &str, kind: DbKind, url: &str) -> (TempDir, String) {
    let dir = fixtures_dir().join("pull_views").join(fixture);
    let project = TempDir::new("pull-views");
    let before = std::fs::read_to_string(dir.join("schema.prisma")).unwrap();
    write(&project.0, "prisma/schema.prisma", &before);
    write(&project.0, "prisma/views/public/Stale.sql", "SELECT 1;");
    write(&project.0, "prisma/views/main/Stale.sql", "SELECT 1;");
    write(&project.0, "prisma/views/README.md", "ours");
    let pull = migrate_on(&project.0, url, &["db", "pull"]);
    assert!(pull.status.success(), "{fixture}: {}", utf8(&pull.stderr));

    let golden = dir.join(format!("prisma-6.19.3.{}", kind.provider()));
    let pulled = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    let expected = std::fs::read_to_string(golden.join("schema.prisma")).unwrap();
    assert_eq!(pulled, expected, "{fixture}: the schema Prisma 6.19.3 pulls");
    let views = project.0.join("prisma/views");
    assert_eq!(
        sql_files(&views),
        sql_files(&golden.join("views")),
        "{fixture}: the views folder Prisma 6.19.3 writes (stale files removed)"
    );
    assert_eq!(std::fs::read_to_string(views.join("README.md")).unwrap(), "ours");
    (project, utf8(&pull.stdout))
}

/// [`pull_like_prisma`] on PostgreSQL; what the pull printed on standard
/// output, its warnings included (`None` when the run leaves PostgreSQL out).
async fn postgres_fixture(fixture: &str) -> Option<String> {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return None;
    }
    let db = TestDb::new(kind);
    let sql = std::fs::read_to_string(fixtures_dir().join("pull_views").join(fixture).join("postgres.sql")).unwrap();
    db.driver().await.apply_script(&sql).await.unwrap();
    let (project, stderr) = pull_like_prisma(fixture, kind, &db.url);
    assert_no_drift(&project.0, &db.url, "prisma/schema.prisma");
    Some(stderr)
}

/// A first pull: views in the order they were made, names made valid
/// (`post-stats` is `post_stats` with `@@map`), every column optional, a view
/// without columns left out, and neither the materialized view nor the view
/// of a schema the datasource does not read.
#[tokio::test]
async fn postgres_fresh() {
    postgres_fixture("postgres_fresh").await;
}

/// A pull over views the schema has: their names, `@map`s, doc comments,
/// `@unique`s, `@@unique`s, relation fields and required fields stay; a
/// column that is gone and a view that is gone go, and so do defaults
/// (a view has none); the views' files are named after the schema's views.
#[tokio::test]
async fn postgres_again() {
    postgres_fixture("postgres_again").await;
}

/// Several database schemas (`schemas`): a view named like a table of
/// another schema, and two views of one name, are all `<schema>_<name>`,
/// as Prisma 6.19.3 names tables several schemas share; their files go to
/// their schemas' folders; views come in the order they were made.
#[tokio::test]
async fn postgres_several_schemas() {
    let Some(stdout) = postgres_fixture("postgres_several_schemas").await else {
        return;
    };
    // Prisma 6.19.3's warning, with the same items.
    let renamed = [
        "model\", name: \"auth_account",
        "view\", name: \"public_account",
        "view\", name: \"auth_UserView",
        "view\", name: \"public_UserView",
    ];
    let listed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  - Type: ")).collect();
    let expected: Vec<String> = renamed.iter().map(|r| format!("  - Type: \"{r}\"")).collect();
    assert_eq!(listed, expected, "{stdout}");
}

/// A schema of several files (`prisma/schema/`): existing blocks stay in
/// their files, new models, views and enums go to `introspected.prisma`
/// beside them, and the views' files to `prisma/schema/views/`, as Prisma
/// 6.19.3 writes them (the whole folder compared with its pull).
#[tokio::test]
async fn postgres_multi_file() {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return;
    }
    let dir = fixtures_dir().join("pull_views/postgres_multi_file");
    let db = TestDb::new(kind);
    let sql = std::fs::read_to_string(dir.join("postgres.sql")).unwrap();
    db.driver().await.apply_script(&sql).await.unwrap();
    let project = TempDir::new("pull-views-multi-file");
    for file in ["main.prisma", "user.prisma"] {
        let text = std::fs::read_to_string(dir.join("schema").join(file)).unwrap();
        write(&project.0, &format!("prisma/schema/{file}"), &text);
    }
    let pull = migrate_on(&project.0, &db.url, &["db", "pull", "--schema", "prisma/schema"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let golden = dir.join("prisma-6.19.3.postgresql/schema");
    for file in ["main.prisma", "user.prisma", "introspected.prisma"] {
        let ours = std::fs::read_to_string(project.0.join("prisma/schema").join(file)).unwrap();
        let prisma = std::fs::read_to_string(golden.join(file)).unwrap();
        assert_eq!(ours, prisma, "{file}");
    }
    let views = project.0.join("prisma/schema/views");
    assert_eq!(sql_files(&views), sql_files(&golden.join("views")));

    // Pulled again: the same files, introspected.prisma now among them.
    let again = migrate_on(&project.0, &db.url, &["db", "pull", "--schema", "prisma/schema"]);
    assert!(again.status.success(), "{}", utf8(&again.stderr));
    for file in ["main.prisma", "user.prisma", "introspected.prisma"] {
        let ours = std::fs::read_to_string(project.0.join("prisma/schema").join(file)).unwrap();
        assert_eq!(
            ours,
            std::fs::read_to_string(golden.join(file)).unwrap(),
            "{file}, again"
        );
    }
}

/// A comment on a view or an enum type: Prisma 6.19.3's doc line above
/// the block, and its warning (with `--print`, on standard error after
/// `// `), texts as the kit's Prisma printed them.
#[tokio::test]
async fn postgres_comments_on_views_and_enums() {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return;
    }
    let db = TestDb::new(kind);
    let sql = "CREATE TYPE \"Tone\" AS ENUM ('low', 'high'); COMMENT ON TYPE \"Tone\" IS 'a tone';
        CREATE TABLE \"base\" (\"id\" INT PRIMARY KEY, \"tone\" \"Tone\");
        CREATE VIEW \"v_all\" AS SELECT id FROM \"base\"; COMMENT ON COLUMN \"v_all\".\"id\" IS 'the id';
        CREATE VIEW \"v_plain\" AS SELECT id FROM \"base\";";
    db.driver().await.apply_script(sql).await.unwrap();
    let project = TempDir::new("pull-views-comments");
    let schema = "generator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}\n\n\
        datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";
    write(&project.0, "prisma/schema.prisma", schema);
    let pull = migrate_on(&project.0, &db.url, &["db", "pull", "--print"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let (stdout, stderr) = (utf8(&pull.stdout), utf8(&pull.stderr));
    let view_doc = "/// This view or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments\nview v_all {";
    let enum_doc = "/// This enum is commented in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments\nenum Tone {";
    assert!(stdout.contains(view_doc) && stdout.contains(enum_doc), "{stdout}");
    assert!(
        stdout.contains("}\n\nview v_plain {"),
        "no doc line above a view without comments: {stdout}"
    );
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("//   - ")).collect();
    assert_eq!(
        listed,
        [
            "//   - Type: \"enum\", name: \"Tone\"",
            "//   - Type: \"view\", name: \"v_all\""
        ],
        "{stderr}"
    );
}

/// `--print` writes the schema to standard output and no file, not even the
/// views' (Prisma 6.19.3 writes those even then).
#[tokio::test]
async fn print_writes_no_view_file() {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return;
    }
    let db = TestDb::new(kind);
    db.driver()
        .await
        .apply_script("CREATE TABLE t (id integer PRIMARY KEY); CREATE VIEW v AS SELECT id FROM t;")
        .await
        .unwrap();
    let project = TempDir::new("pull-views-print");
    let schema = std::fs::read_to_string(fixtures_dir().join("pull_views/postgres_fresh/schema.prisma")).unwrap();
    write(&project.0, "prisma/schema.prisma", &schema);
    let pull = migrate_on(&project.0, &db.url, &["db", "pull", "--print"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    assert!(
        utf8(&pull.stdout).contains("view v {\n  id Int?\n}"),
        "{}",
        utf8(&pull.stdout)
    );
    assert!(!project.0.join("prisma/views").exists());
}

/// SQLite: views by name whatever order they were made in, their queries
/// as the stored `CREATE VIEW` statement's query printed back and
/// formatted, an expression column without a declared type as
/// `Unsupported("")`, as Prisma 6.19.3 writes it.
#[test]
fn sqlite_views() {
    let fixture = "sqlite_views";
    let project = TempDir::new("pull-views-sqlite-db");
    let file = project.0.join("views.db");
    let sql = std::fs::read_to_string(fixtures_dir().join("pull_views").join(fixture).join("sqlite.sql")).unwrap();
    rusqlite::Connection::open(&file).unwrap().execute_batch(&sql).unwrap();
    let url = format!("file:{}", file.display());
    let (pulled, _) = pull_like_prisma(fixture, DbKind::Sqlite, &url);
    assert_no_drift(&pulled.0, &url, "prisma/schema.prisma");
}

/// MySQL/MariaDB (Prisma 6.19.3 does not run MySQL here, so no golden
/// file): the view block has the server's nullability, and the query the
/// server rewrote goes to `views/<database>/<view>.sql`, formatted.
#[tokio::test]
async fn mysql_views() {
    let Some(db) = TestDb::if_selected(DbKind::Mysql) else {
        return;
    };
    db.driver()
        .await
        .apply_script(
            "CREATE TABLE `User` (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(191) NOT NULL, name TEXT NULL, \
             role ENUM('ADMIN', 'USER') NOT NULL DEFAULT 'USER', score INT NOT NULL DEFAULT 7);\n\
             CREATE VIEW `active-user` AS SELECT id, email, name FROM `User` WHERE id > 0;\n\
             CREATE VIEW `Staff` AS SELECT id, role, score FROM `User`;",
        )
        .await
        .unwrap();
    let project = TempDir::new("pull-views-mysql");
    let schema = std::fs::read_to_string(fixtures_dir().join("pull_views/postgres_fresh/schema.prisma"))
        .unwrap()
        .replace("\"postgresql\"", "\"mysql\"");
    write(&project.0, "prisma/schema.prisma", &schema);
    let pull = migrate_on(&project.0, &db.url, &["db", "pull"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let pulled = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    // MariaDB reports 0 as the default of a view column over an
    // auto-increment key, and Prisma's engine writes what it reports.
    let mariadb = is_mariadb(db.driver().await.as_mut()).await;
    let zero = if mariadb { "     @default(0)" } else { "" };
    let block = format!(
        "view active_user {{\n  id    Int{zero}\n  email String\n  name  String? @db.Text\n\n  @@map(\"active-user\")\n}}"
    );
    assert!(pulled.contains(&block), "{pulled}");
    let database = db
        .url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let files = sql_files(&project.0.join("prisma/views"));
    let key = format!("{database}/active_user.sql");
    let sql = files.get(&key).unwrap_or_else(|| panic!("{key} in {files:?}"));
    assert!(sql.starts_with("SELECT\n  `"), "{sql}");
    assert!(sql.contains("\nFROM\n  `"), "{sql}");
    assert_no_drift(&project.0, &db.url, "prisma/schema.prisma");

    // An enum column of a view is an enum named after the view and the
    // column, and a view column has the default MySQL reports for it (the
    // selected column's), as Prisma 6.19.3 writes them.
    let zero = if mariadb { "        @default(0)" } else { "" };
    let staff = format!(
        "view Staff {{\n  id    Int{zero}\n  role  Staff_role @default(USER)\n  score Int        @default(7)\n}}"
    );
    assert!(pulled.contains(&staff), "{pulled}");
    assert!(pulled.contains("enum Staff_role {\n  ADMIN\n  USER\n}"), "{pulled}");

    // Pulled again, the same file; with the views gone, their files and
    // the folder go too.
    let again = migrate_on(&project.0, &db.url, &["db", "pull"]);
    assert!(again.status.success(), "{}", utf8(&again.stderr));
    let repulled = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    assert_eq!(repulled, pulled);
    db.driver()
        .await
        .apply_script("DROP VIEW `active-user`; DROP VIEW `Staff`;")
        .await
        .unwrap();
    let gone = migrate_on(&project.0, &db.url, &["db", "pull"]);
    assert!(gone.status.success(), "{}", utf8(&gone.stderr));
    let without = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    assert!(!without.contains("view "), "{without}");
    assert!(
        !project.0.join("prisma/views").exists(),
        "the empty views folder is removed"
    );
}

/// A view that is gone takes the relation fields to it along: the pulled
/// schema stays valid (a model's field to a missing view would not be).
#[tokio::test]
async fn a_relation_to_a_view_that_is_gone_goes_too() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    db.driver()
        .await
        .apply_script("CREATE TABLE \"User\" (id integer PRIMARY KEY);")
        .await
        .unwrap();
    let project = TempDir::new("pull-views-gone");
    let header = std::fs::read_to_string(fixtures_dir().join("pull_views/postgres_fresh/schema.prisma")).unwrap();
    let models = "\nmodel User {\n  id     Int     @id\n  active Active?\n}\n\nview Active {\n  id   Int  @unique\n  user User @relation(fields: [id], references: [id])\n}\n";
    write(&project.0, "prisma/schema.prisma", &format!("{header}{models}"));
    let pull = migrate_on(&project.0, &db.url, &["db", "pull"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let pulled = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    assert!(pulled.contains("model User {\n  id Int @id\n}"), "{pulled}");
    assert!(!pulled.contains("Active"), "{pulled}");
    let validate = migrate_on(&project.0, &db.url, &["validate"]);
    assert!(validate.status.success(), "{}", utf8(&validate.stderr));
}
