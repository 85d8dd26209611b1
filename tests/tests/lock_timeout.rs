//! The migration lock's timeout says how long `migrate` actually waited.
//! On SQLite and PostgreSQL (the PostgreSQL advisory lock belongs to one
//! database, so holding it here blocks no other test). MySQL's lock is
//! server-wide: holding it for ten seconds would stall every other test's
//! deploy, so its wait (timed the same way) is not played here.

use migrate_core::driver::DriverError;
use migrate_tests::harness::{DbKind, TestDb};
use std::time::{Duration, Instant};

async fn a_second_locker_times_out_saying_how_long_it_waited(kind: DbKind) {
    let Some(db) = TestDb::if_selected(kind) else {
        return;
    };
    let mut holder = db.driver().await;
    let mut waiter = db.driver().await;
    holder.lock().await.expect("the first lock");
    let started = Instant::now();
    let error = waiter.lock().await.expect_err("the lock is held");
    let waited = started.elapsed();
    let DriverError::LockTimeout { waited: reported } = &error else {
        panic!("{error}");
    };
    assert!(
        *reported >= Duration::from_secs(10) && *reported <= waited,
        "{reported:?} of {waited:?}"
    );
    let message = error.to_string();
    let seconds = format!("after {:.1} s", reported.as_secs_f64());
    assert!(message.contains(&seconds) && message.contains("P1002"), "{message}");
    drop(holder);
    waiter.lock().await.expect("the lock, once its holder is gone");
    waiter.unlock().await.unwrap();
}

#[tokio::test]
async fn sqlite() {
    a_second_locker_times_out_saying_how_long_it_waited(DbKind::Sqlite).await;
}

#[tokio::test]
async fn postgres() {
    a_second_locker_times_out_saying_how_long_it_waited(DbKind::Postgres).await;
}
