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

/// The tests take turns: `GET_LOCK` is server-wide on each node, so one
/// test's long deploy would make another's wait time out. (Under nextest,
/// which runs each test in a process of its own, `.config/nextest.toml`
/// puts them in one group of one.)
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Every `migrate` these tests started. A test that fails leaves its
/// processes running (holding locks on the nodes); the next test stops
/// them first. (A child never waited for stays a zombie, so its process id
/// is not reused meanwhile.)
static SPAWNED: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

fn spawned(child: std::process::Child) -> std::process::Child {
    SPAWNED.lock().unwrap_or_else(|e| e.into_inner()).push(child.id());
    child
}

fn stop_leftovers() {
    for pid in SPAWNED.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

fn nodes() -> Option<(std::sync::MutexGuard<'static, ()>, Vec<String>)> {
    let Some(urls) = std::env::var("MIGRATE_TEST_GALERA_URLS").ok().filter(|u| !u.is_empty()) else {
        eprintln!("MIGRATE_TEST_GALERA_URLS is not set: no Galera cluster to test (.ci/run starts one)");
        return None;
    };
    let nodes: Vec<String> = urls.split(',').map(|u| u.trim().to_string()).collect();
    assert_eq!(nodes.len(), 3, "MIGRATE_TEST_GALERA_URLS names three nodes: {urls}");
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    stop_leftovers();
    Some((turn, nodes))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `sql` on `url` (a server URL, or one naming a database); the first
/// column of every row. A read is causal (`wsrep_sync_wait`): a node
/// applies other nodes' commits after they return, so without it a read
/// right after a deploy can see a history row inserted but not yet
/// finished.
fn sql(url: &str, sql: &str) -> Vec<Option<String>> {
    runtime().block_on(async {
        let mut driver = MysqlDriver::connect_server(url).await.unwrap();
        if sql.trim_start().to_ascii_uppercase().starts_with("SELECT") {
            driver.execute("SET SESSION wsrep_sync_wait = 1").await.unwrap();
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
    spawned(
        command(dir, &["deploy"])
            .env("DATABASE_URL", format!("{node}{database}"))
            .env("MIGRATE_GALERA_LOCK_LEASE", lease)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

#[test]
fn three_deploys_through_three_nodes_apply_each_migration_once_ten_times_out_of_ten() {
    let Some((_turn, nodes)) = nodes() else { return };
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
    let Some((_turn, nodes)) = nodes() else { return };
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
fn reset_through_one_node_with_deploys_through_the_others_ends_with_every_migration_once() {
    let Some((_turn, nodes)) = nodes() else { return };
    let database = "migrate_galera_reset";
    let dir = migrate_tests::harness::TempDir::new("galera-reset");
    project(&dir.0, 4);
    fresh_database(&nodes[0], database);
    let first = deploy_through(&dir.0, &nodes[0], database, "30")
        .wait_with_output()
        .unwrap();
    assert!(first.status.success(), "{}", text(&first));
    for round in 1..=3 {
        let reset = spawned(
            command(&dir.0, &["reset", "--force"])
                .env("DATABASE_URL", format!("{}{database}", nodes[0]))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap(),
        );
        let deploys: Vec<_> = nodes[1..]
            .iter()
            .map(|node| deploy_through(&dir.0, node, database, "30"))
            .collect();
        let out = reset.wait_with_output().unwrap();
        assert!(out.status.success(), "round {round}, reset:\n{}", text(&out));
        for deploy in deploys {
            let out = deploy.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}, deploy:\n{}", text(&out));
        }
        assert_eq!(
            history(&nodes[2], database),
            ("4".into(), "4".into(), "0".into()),
            "round {round}"
        );
        let tables = sql(
            &nodes[1],
            &format!("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{database}'"),
        );
        assert_eq!(
            tables[0].as_deref(),
            Some("6"),
            "t1..t4, the history and the lock table"
        );
    }
    sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{database}`"));
}

#[test]
fn waiters_wait_as_long_as_the_holder_renews_past_lease_and_ten_seconds() {
    let Some((_turn, nodes)) = nodes() else { return };
    let database = "migrate_galera_long";
    let dir = migrate_tests::harness::TempDir::new("galera-long");
    project(&dir.0, 1);
    write(
        &dir.0,
        "prisma/migrations/20240000000002_slow/migration.sql",
        "CREATE TABLE `slow` (`id` INTEGER NOT NULL PRIMARY KEY);\n\nDO SLEEP(13);\n",
    );
    fresh_database(&nodes[0], database);
    // A lease of 1 s: a waiter that timed its wait from its start would
    // give up after 11 s, before the 13 s migration ends.
    let holder = deploy_through(&dir.0, &nodes[0], database, "1");
    wait_until(Duration::from_secs(20), "the holder to take the lock", || {
        sql(&nodes[1], &format!("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{database}' AND TABLE_NAME = 'slow'"))[0].as_deref() == Some("1")
    });
    // One waiter through another node, one through the holder's own node
    // (where `GET_LOCK` alone would give up after 10 s).
    let waiters = [&nodes[1], &nodes[0]].map(|node| deploy_through(&dir.0, node, database, "1"));
    let held = holder.wait_with_output().unwrap();
    assert!(held.status.success(), "{}", text(&held));
    for waiter in waiters {
        let waited = waiter.wait_with_output().unwrap();
        assert!(waited.status.success(), "{}", text(&waited));
        assert!(
            text(&waited).contains("No pending migrations to apply."),
            "{}",
            text(&waited)
        );
    }
    assert_eq!(history(&nodes[2], database), ("2".into(), "2".into(), "0".into()));
    sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{database}`"));
}

/// A holder stopped (SIGSTOP) for longer than its lease loses the lock to
/// a waiter; once it runs again it stops before its next statement,
/// writing nothing more.
#[test]
fn a_stalled_holder_that_lost_its_lock_writes_nothing_more() {
    let Some((_turn, nodes)) = nodes() else { return };
    let database = "migrate_galera_stalled";
    let dir = migrate_tests::harness::TempDir::new("galera-stalled");
    project(&dir.0, 1);
    write(
        &dir.0,
        "prisma/migrations/20240000000002_slow/migration.sql",
        "CREATE TABLE `before_sleep` (`id` INTEGER NOT NULL PRIMARY KEY);\n\nDO SLEEP(2);\n\nCREATE TABLE `after_sleep` (`id` INTEGER NOT NULL PRIMARY KEY);\n",
    );
    fresh_database(&nodes[0], database);
    let holder = deploy_through(&dir.0, &nodes[0], database, "1");
    wait_until(Duration::from_secs(20), "the holder to sleep", || {
        sql(
            &nodes[0],
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DO SLEEP%'",
        )[0]
        .as_deref()
            != Some("0")
    });
    let signal = |sig: &str| {
        let status = std::process::Command::new("kill")
            .args([sig, &holder.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    };
    signal("-STOP");
    // The waiter sees no renewal for a lease, takes over, finds the
    // unfinished migration (P3009) and lets the lock go.
    let waiter = deploy_through(&dir.0, &nodes[1], database, "1")
        .wait_with_output()
        .unwrap();
    assert!(text(&waiter).contains("P3009"), "{}", text(&waiter));
    signal("-CONT");
    let held = holder.wait_with_output().unwrap();
    assert_eq!(held.status.code(), Some(1), "{}", text(&held));
    assert!(text(&held).contains("took the migration lock over"), "{}", text(&held));
    let tables = sql(
        &nodes[2],
        &format!("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{database}' AND TABLE_NAME = 'after_sleep'"),
    );
    assert_eq!(
        tables[0].as_deref(),
        Some("0"),
        "the statement after the stall did not run"
    );
    assert_eq!(
        history(&nodes[2], database),
        ("2".into(), "2".into(), "1".into()),
        "m2 unfinished"
    );
    sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{database}`"));
}

/// On one node (a server of its own, so the machine's MariaDB and its
/// tests are not held up): the targets' `GET_LOCK` is server-wide, as
/// Prisma's, so they take turns; the third waits 11 s, past the driver's
/// own wait of 10 s, and the fan-out tries it again.
#[test]
fn fan_out_targets_of_one_server_take_turns_at_its_server_wide_lock() {
    let Some((_turn, nodes)) = nodes() else { return };
    let dir = migrate_tests::harness::TempDir::new("galera-turns");
    project(&dir.0, 1);
    write(
        &dir.0,
        "prisma/migrations/20240000000009_slow/migration.sql",
        "DO SLEEP(5.5);\n",
    );
    let names: Vec<String> = (1..=3).map(|i| format!("migrate_galera_turn{i}")).collect();
    for name in &names {
        sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{name}`"));
    }
    let list: String = names.iter().map(|n| format!("{}{n}\n", nodes[0])).collect();
    write(&dir.0, "targets.txt", &list);
    let out = command(&dir.0, &["deploy", "--targets", "targets.txt", "--jobs", "3"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Applied                 3"), "{}", text(&out));
    for name in &names {
        assert_eq!(history(&nodes[1], name), ("2".into(), "2".into(), "0".into()));
        sql(&nodes[0], &format!("DROP DATABASE IF EXISTS `{name}`"));
    }
}

#[test]
fn a_lone_mariadb_server_gets_no_lock_table() {
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
