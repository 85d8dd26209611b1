//! Bounded waits against servers that misbehave, played by listeners of
//! the test's own on 127.0.0.1: one that accepts and never answers, one
//! that answers the TLS question and then goes silent, one that closes in
//! the middle of the handshake. Every command ends within the connect
//! timeout (5 s by default, as Prisma; `connect_timeout=` honoured), exits 1
//! and never shows the password. Case: input-02-pg-server-never-answers.

mod common;

use migrate_tests::fixtures_dir;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

const PASSWORD: &str = "Pw-never-shown-42";

/// What the fake server does with each connection.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Accepts, reads whatever comes, never writes.
    Silent,
    /// Answers PostgreSQL's SSLRequest with `S` (go ahead with TLS), then
    /// reads whatever comes and never writes: the TLS handshake hangs.
    TlsThenSilent,
    /// Answers PostgreSQL's SSLRequest with `N` (no TLS), then reads the
    /// start-up message and never answers it.
    StartupThenSilent,
    /// Reads the first bytes the client sends, then closes (PostgreSQL: the
    /// client speaks first).
    CloseAfterFirstMessage,
    /// Sends the start of a MySQL greeting, then closes (MySQL: the server
    /// speaks first).
    HalfAGreeting,
    /// Closes at once.
    CloseAtOnce,
}

/// Starts a fake server; returns its port. Connections are kept open until
/// the test process ends.
fn fake_server(behaviour: Behaviour) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || serve(stream, behaviour));
        }
    });
    port
}

fn serve(mut stream: TcpStream, behaviour: Behaviour) {
    let mut buffer = [0u8; 4096];
    match behaviour {
        Behaviour::Silent => drain(&mut stream),
        Behaviour::TlsThenSilent | Behaviour::StartupThenSilent => {
            // The 8-byte SSLRequest.
            if stream.read(&mut buffer).unwrap_or(0) == 8 {
                let answer = if matches!(behaviour, Behaviour::TlsThenSilent) {
                    b"S"
                } else {
                    b"N"
                };
                let _ = stream.write_all(answer);
            }
            drain(&mut stream);
        }
        Behaviour::CloseAfterFirstMessage => {
            let _ = stream.read(&mut buffer);
        }
        Behaviour::HalfAGreeting => {
            // A packet header announcing 74 bytes, protocol 10, then nothing.
            let _ = stream.write_all(&[74, 0, 0, 0, 10, b'8', b'.']);
        }
        Behaviour::CloseAtOnce => {}
    }
}

/// Reads until the client goes away; writes nothing.
fn drain(stream: &mut TcpStream) {
    let mut buffer = [0u8; 4096];
    while stream.read(&mut buffer).is_ok_and(|n| n > 0) {}
}

fn project(provider: &str) -> migrate_tests::harness::TempDir {
    let dir = migrate_tests::harness::TempDir::new("network");
    let schema = format!(
        "datasource db {{\n  provider = \"{provider}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id Int @id\n}}\n"
    );
    std::fs::write(dir.0.join("schema.prisma"), schema).unwrap();
    dir
}

/// Runs `migrate <args> --url url`, timed.
fn migrate(dir: &Path, args: &[&str], url: &str) -> (Output, Duration) {
    let started = Instant::now();
    let out = common::command(dir, args)
        .args(["--url", url])
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    (out, started.elapsed())
}

/// Exit 1 after `at_least` and well before twice the timeout, one message
/// that says what timed out, no password.
fn assert_timed_out(out: &Output, took: Duration, at_least: Duration, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert!(
        took >= at_least,
        "{what}: gave up after {took:?}, before the timeout\n{stderr}"
    );
    assert!(
        took < at_least + Duration::from_secs(3),
        "{what}: took {took:?}\n{stderr}"
    );
    assert!(stderr.contains("connect_timeout"), "{what}: {stderr}");
    assert!(
        !stderr.contains(PASSWORD) && !stdout.contains(PASSWORD),
        "{what}: the password is shown\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

/// input-02: the case's own project and command, against a server that
/// accepts the connection and never answers: the default 5 s, then 3 s with
/// `connect_timeout=3`, in every `sslmode`.
#[test]
fn postgres_server_that_never_answers() {
    let port = fake_server(Behaviour::Silent);
    let proj = fixtures_dir().join("cases/input-02-pg-server-never-answers/proj");
    let url = format!("postgres://u:{PASSWORD}@127.0.0.1:{port}/db");
    let (out, took) = migrate(&proj, &["status", "--schema", "schema.prisma"], &url);
    assert_timed_out(&out, took, Duration::from_secs(5), "default timeout");
    for mode in ["disable", "prefer", "require", "verify-full"] {
        let url = format!("{url}?connect_timeout=3&sslmode={mode}");
        let (out, took) = migrate(&proj, &["status", "--schema", "schema.prisma"], &url);
        assert_timed_out(&out, took, Duration::from_secs(3), mode);
    }
}

/// Every command that connects gives up in time, the shadow database's
/// connection included.
#[test]
fn every_command_gives_up_on_a_silent_postgres() {
    let port = fake_server(Behaviour::Silent);
    let dir = project("postgresql");
    let url = format!("postgresql://u:{PASSWORD}@127.0.0.1:{port}/db?connect_timeout=2");
    for args in [
        vec!["deploy"],
        vec!["dev", "--name", "x"],
        vec!["reset", "--force"],
        vec!["resolve", "--applied", "x"],
        vec!["db", "push"],
        vec!["db", "pull", "--print"],
    ] {
        let (out, took) = migrate(&dir.0, &args, &url);
        assert_timed_out(&out, took, Duration::from_secs(2), &args.join(" "));
    }
    let started = Instant::now();
    let out = common::migrate(&dir.0, &["diff", "--from-url", &url, "--to-empty", "--script"]);
    assert_timed_out(&out, started.elapsed(), Duration::from_secs(2), "diff --from-url");
}

/// The TLS negotiation and the server's start-up answer are inside the
/// timeout too (the client library bounds only the TCP connect).
#[test]
fn postgres_tls_negotiation_and_startup_answer_are_bounded() {
    let dir = project("postgresql");
    let tls = fake_server(Behaviour::TlsThenSilent);
    let url = format!("postgres://u:{PASSWORD}@127.0.0.1:{tls}/db?connect_timeout=2&sslmode=require");
    let (out, took) = migrate(&dir.0, &["status"], &url);
    assert_timed_out(&out, took, Duration::from_secs(2), "TLS handshake");
    let startup = fake_server(Behaviour::StartupThenSilent);
    let url = format!("postgres://u:{PASSWORD}@127.0.0.1:{startup}/db?connect_timeout=2");
    let (out, took) = migrate(&dir.0, &["status"], &url);
    assert_timed_out(&out, took, Duration::from_secs(2), "start-up answer");
}

/// MySQL: one budget for the whole connection. With `sslmode=prefer` (the
/// default) a TLS attempt that times out is not followed by a plain one
/// with a second full timeout.
#[test]
fn mysql_server_that_never_answers_is_timed_once() {
    let port = fake_server(Behaviour::Silent);
    let dir = project("mysql");
    let base = format!("mysql://u:{PASSWORD}@127.0.0.1:{port}/db");
    let (out, took) = migrate(&dir.0, &["status"], &base);
    assert_timed_out(&out, took, Duration::from_secs(5), "mysql default");
    for mode in ["prefer", "disable", "require"] {
        let url = format!("{base}?connect_timeout=2&sslmode={mode}");
        let (out, took) = migrate(&dir.0, &["status"], &url);
        assert_timed_out(&out, took, Duration::from_secs(2), &format!("mysql {mode}"));
    }
}

/// A server that closes the connection in the middle of the handshake is an
/// error at once, not a wait.
#[test]
fn a_server_that_closes_mid_handshake_fails_fast() {
    let closing = [
        ("postgresql", "postgres", Behaviour::CloseAfterFirstMessage),
        ("postgresql", "postgres", Behaviour::CloseAtOnce),
        ("mysql", "mysql", Behaviour::HalfAGreeting),
        ("mysql", "mysql", Behaviour::CloseAtOnce),
    ];
    for (provider, scheme, behaviour) in closing {
        let dir = project(provider);
        {
            let port = fake_server(behaviour);
            for mode in ["disable", "prefer"] {
                let url = format!("{scheme}://u:{PASSWORD}@127.0.0.1:{port}/db?sslmode={mode}");
                let (out, took) = migrate(&dir.0, &["status"], &url);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(1), "{scheme} {mode}: {stderr}");
                assert!(
                    took < Duration::from_secs(2),
                    "{scheme} {mode}: took {took:?}\n{stderr}"
                );
                assert!(stderr.contains("Could not connect"), "{scheme} {mode}: {stderr}");
                assert!(!stderr.contains(PASSWORD), "{stderr}");
                assert!(!stderr.contains("panicked"), "{stderr}");
            }
        }
    }
}
