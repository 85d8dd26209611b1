//! `Driver::query_column`, the user's own listing query (`deploy
//! --schemas-query`): the first column of every row as text, in the rows'
//! order, `NULL` as `None`, numbers as their digits, on every database.

use migrate_tests::harness::{DbKind, TestDb};

async fn the_first_column_as_text(kind: DbKind) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    driver
        .apply_script(&kind.sql(
            "CREATE TABLE \"tenant\" (\"name\" VARCHAR(20), \"n\" INTEGER, \"other\" INTEGER);\n\
             INSERT INTO \"tenant\" VALUES ('acme', 1, 10), (NULL, 2, 20), ('o''brien', 3, 30);",
        ))
        .await
        .unwrap();
    let names = driver
        .query_column(&kind.sql("SELECT \"name\", \"other\" FROM \"tenant\" ORDER BY \"n\""))
        .await
        .unwrap();
    assert_eq!(names, [Some("acme".to_string()), None, Some("o'brien".to_string())]);
    let numbers = driver
        .query_column(&kind.sql("SELECT \"n\" FROM \"tenant\" ORDER BY \"n\" DESC"))
        .await
        .unwrap();
    assert_eq!(
        numbers,
        [Some("3".to_string()), Some("2".to_string()), Some("1".to_string())]
    );
    let none = driver
        .query_column(&kind.sql("SELECT \"name\" FROM \"tenant\" WHERE \"n\" > 9"))
        .await
        .unwrap();
    assert!(none.is_empty());
    assert!(driver.query_column("SELECT * FROM no_such_table").await.is_err());
}

migrate_tests::per_database!(the_first_column_as_text);
