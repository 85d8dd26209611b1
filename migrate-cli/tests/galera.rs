//! Exactly-once `deploy` on a 3-node MariaDB Galera cluster, where
//! `GET_LOCK` holds on one node only: three processes started together
//! through the three nodes, as three app instances at boot, and a lock
//! holder killed mid-deploy, whose lock ends with its lease.
//!
//! The cluster's node URLs come from `MIGRATE_TEST_GALERA_URLS` (comma
//! separated, server URLs ending in `/`); `.ci/run` starts the cluster with
//! `../shared/galera/start.sh` and sets it. Without it these tests say so
//! and pass; with it, a node that cannot be reached fails them.

mod common;

use common::{command, text, write};
use driver_mysql::MysqlDriver;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

fn nodes() -> Option<Vec<String>> {
    let Some(urls) = std::env::var("MIGRATE_TEST_GALERA_URLS").ok().filter(|u| !u.is_empty()) else {
        eprintln!("MIGRATE_TEST_GALERA_URLS is not set: no Galera cluster to test (.ci/run starts one)");
        return None;
    };
    let nodes: Vec<String> = urls.split(',').map(|u| u.trim().to_string()).collect();
    assert_eq!(nodes.len(), 3, "MIGRATE_TEST_GALERA_URLS names three nodes: {urls}");
    Some(nodes)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `sql` on `url` (a server URL, or one naming a database); the first
/// column of every row.
fn sql(url: &str, sql: &str) -> Vec<Option<String>> {
    runtime().block_on(async {
        let mut driver = MysqlDriver::connect_server(url).await.unwrap();
        if sql.trim_start().to_ascii_uppercase().starts_with("SELECT") {
            driver.query_strings(sql).await.unwrap()
        } else {
            driver.execute(sql).await.unwrap();
            Vec::new()
        }
    })
}

fn fresh_database(node: &str, name: &str) {
    sql(node, &format!("DROP DATABASE IF EXISTS `{name}`"));
    sql(node, &format!("CREATE DATABASE `{name}`"));
}

/// A MySQL project with migrations `m1..=m{n}`, each creating a table and
/// adding a column to it.
fn project(dir: &Path, n: usize) {
    write(
        dir,
        "prisma/schema.prisma",
        "datasource db {\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    );
    write(dir, "prisma/migrations/migration_lock.toml", "provider = \"mysql\"\n");
    for i in 1..=n {
        add_migration(dir, i);
    }
}

fn add_migration(dir: &Path, i: usize) {
    write(
        dir,
        &format!("prisma/migrations/2024000000{i:04}_m{i}/migration.sql"),
        &format!(
            "CREATE TABLE `t{i}` (`id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY);\n\nALTER TABLE `t{i}` ADD COLUMN `note` VARCHAR(20) NULL;\n"
        ),
    );
}

/// (rows, distinct migrations, unfinished rows) of the history, read through `node`.
fn history(node: &str, database: &str) -> (String, String, String) {
    let row = sql(
        node,
        &format!(
            "SELECT CONCAT_WS(',', COUNT(*), COUNT(DISTINCT migration_name), SUM(finished_at IS NULL)) FROM `{database}`.`_prisma_migrations`"
        ),
    );
    let value = row[0].clone().unwrap();
    let parts: Vec<&str> = value.split(',').collect();
    (parts[0].into(), parts[1].into(), parts[2].into())
}

fn deploy_through(dir: &Path, node: &str, database: &str, lease: &str) -> std::process::Child {
    command(dir, &["deploy"])
        .env("DATABASE_URL", format!("{node}{database}"))
        .env("MIGRATE_GALERA_LOCK_LEASE", lease)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn three_deploys_through_three_nodes_apply_each_migration_once_ten_times_out_of_ten() {
    let Some(nodes) = nodes() else { return };
    let dir = migrate_tests::harness::TempDir::new("galera-race");
    project(&dir.0, 8);
    for round in 1..=10 {
        let database = "migrate_galera_race";
        fresh_database(&nodes[0], database);
        let children: Vec<_> = nodes
            .iter()
            .map(|node| deploy_through(&dir.0, node, database, "30"))
            .collect();
        let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        for (node, out) in nodes.iter().zip(&outputs) {
            assert!(out.status.success(), "round {round}, through {node}:\n{}", text(out));
        }
        let applied = outputs.iter().filter(|o| text(o).contains("have been applied")).count();
        let waited = outputs
            .iter()
            .filter(|o| text(o).contains("No pending migrations to apply."))
            .count();
        assert_eq!(
            (applied, waited),
            (1, 2),
            "round {round}: one applies, two find nothing pending"
        );
        for node in &nodes {
            assert_eq!(
                history(node, database),
                ("8".into(), "8".into(), "0".into()),
                "round {round}, read through {node}"
            );
        }
    }
    sql(&nodes[0], "DROP DATABASE IF EXISTS `migrate_galera_race`");
}

#[test]
fn a_killed_lock_holder_loses_the_lock_after_its_lease_and_another_process_finishes() {
    let Some(nodes) = nodes() else { return };
    let database = "migrate_galera_kill";
    let dir = migrate_tests::harness::TempDir::new("galera-kill");
    project(&dir.0, 1);
    fresh_database(&nodes[0], database);
    let first = deploy_through(&dir.0, &nodes[0], database, "2")
        .wait_with_output()
        .unwrap();
    assert!(first.status.success(), "{}", text(&first));
    for i in 2..=5 {
        add_migration(&dir.0, i);
    }

    // A session on node 1 that write-locks the history table (table locks
    // stay local to a node): the holder's first read of the history
    // waits on it, with the cluster lock already taken. A read, so that
    // the killed holder's statement, which the server finishes once the
    // table is unlocked, changes nothing.
    let gate = runtime();
    let mut gate_session = gate.block_on(async {
        let mut session = MysqlDriver::connect(&format!("{}{database}", nodes[0]), None)
            .await
            .unwrap();
        session.execute("LOCK TABLES `_prisma_migrations` WRITE").await.unwrap();
        session
    });

    let mut holder = deploy_through(&dir.0, &nodes[0], database, "2");
    wait_until(Duration::from_secs(20), "the holder to wait on the gate", || {
        sql(
            &nodes[0],
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table metadata lock%'",
        )[0]
        .as_deref()
            != Some("0")
    });
    let owner = sql(&nodes[1], &format!("SELECT owner FROM `{database}`.`_migrate_lock`"));
    assert!(
        owner[0]
            .as_deref()
            .is_some_and(|o| o.contains(&format!(":{}:", holder.id()))),
        "the holder owns the cluster lock: {owner:?}"
    );

    let started = Instant::now();
    let mut waiter = deploy_through(&dir.0, &nodes[1], database, "2");
    // The holder is alive and renews its lease: the waiter keeps waiting.
    std::thread::sleep(Duration::from_secs(4));
    assert!(
        waiter.try_wait().unwrap().is_none(),
        "the waiter took a live holder's lock"
    );

    holder.kill().unwrap();
    holder.wait().unwrap();
    gate.block_on(async {
        gate_session.execute("UNLOCK TABLES").await.unwrap();
    });

    let out = waiter.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("have been applied"), "{}", text(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(6),
        "it waited for the lease to run out"
    );
    for node in &nodes {
        assert_eq!(
            history(node, database),
            ("5".into(), "5".into(), "0".into()),
            "through {node}"
        );
    }
    sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{database}`"));
}

#[test]
fn a_lone_mariadb_server_keeps_get_lock_and_no_lock_table() {
    if !migrate_tests::harness::DbKind::Mysql.selected() {
        return;
    }
    let db = migrate_tests::harness::TestDb::new(migrate_tests::harness::DbKind::Mysql);
    let dir = migrate_tests::harness::TempDir::new("galera-lone");
    project(&dir.0, 2);
    let out = command(&dir.0, &["deploy"])
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let tables = runtime().block_on(async {
        let mut driver = MysqlDriver::connect(&db.url, None).await.unwrap();
        driver
            .query_strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME")
            .await
            .unwrap()
    });
    let names: Vec<String> = tables.into_iter().flatten().collect();
    assert_eq!(names, ["_prisma_migrations", "t1", "t2"]);
}

fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
