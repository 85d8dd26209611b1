//! Prisma's generator protocol against a real child process: a tiny generator
//! script run by `node` (present on the project's machines) records every request
//! it receives and answers as `@prisma/generator-helper` does (on standard error).

use migrate_core::psl::{parse_and_validate, read_schema};
use migrate_generate::{generate, GenerateError, Outcome, Request};
use serde_json::Value;
use std::path::Path;

const RECORDER: &str = r#"
import fs from 'node:fs';
import readline from 'node:readline';
const log = process.argv[2];
const answer = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: '2.0', result, id }) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  fs.appendFileSync(log, line + '\n');
  const msg = JSON.parse(line);
  process.stderr.write('a message of its own, not JSON\n');
  console.log('recorder: ' + msg.method);
  if (msg.method === 'getManifest') return answer(msg.id, { manifest: { prettyName: 'Recorder', version: '1.0.0', defaultOutput: './recorded' } });
  if (msg.params.generator.config.fail === 'yes') {
    return process.stderr.write(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'it broke on purpose', data: null }, id: msg.id }) + '\n');
  }
  fs.mkdirSync(msg.params.generator.output.value, { recursive: true });
  answer(msg.id, null);
});
"#;

fn node_available() {
    let ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "this test needs `node` on PATH (the project's machines have it)");
}

fn schema(dir: &Path, generators: &str) -> migrate_core::psl::ValidatedSchema {
    let text = format!(
        "datasource db {{\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\n{generators}\n\nenum Role {{\n  USER\n  ADMIN @map(\"admin\")\n}}\n\nmodel User {{\n  id    Int    @id @default(autoincrement())\n  email String @unique @map(\"e_mail\")\n  role  Role   @default(USER)\n}}\n"
    );
    std::fs::write(dir.join("schema.prisma"), text).unwrap();
    parse_and_validate(read_schema(&dir.join("schema.prisma")).unwrap()).unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("protocol-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("recorder.mjs"), RECORDER).unwrap();
    dir
}

#[test]
fn a_node_generator_gets_the_manifest_request_then_generate_with_our_dmmf() {
    node_available();
    let dir = scratch("ok");
    let log = dir.join("log.jsonl");
    let blocks = format!(
        "generator rec {{\n  provider = \"node {} {}\"\n  count    = 3\n  tags     = [\"a\", \"b\"]\n}}\n\ngenerator gone {{\n  provider = \"no-such-generator-here --flag\"\n}}",
        dir.join("recorder.mjs").display(),
        log.display()
    );
    let valid = schema(&dir, &blocks);
    let path = dir.join("schema.prisma");
    let mut reported = Vec::new();
    let outcomes = generate(
        Request {
            schema: &valid,
            schema_path: &path,
            only: &[],
        },
        &mut |o| reported.push(o.clone()),
    )
    .unwrap();
    assert_eq!(outcomes, reported);
    match &outcomes[0] {
        Outcome::Generated {
            generator,
            what,
            output,
            ..
        } => {
            assert_eq!(generator, "rec");
            assert_eq!(what, "Recorder (1.0.0)");
            // No `output`: the manifest's default, relative to the schema's folder.
            assert_eq!(output, &dir.join("recorded"));
            assert!(output.is_dir(), "the generator was told where to write");
        }
        other => panic!("expected Generated, got {other:?}"),
    }
    match &outcomes[1] {
        Outcome::Skipped { generator, reason, .. } => {
            assert_eq!(generator, "gone");
            assert!(reason.contains("`no-such-generator-here` is not installed"), "{reason}");
        }
        other => panic!("expected Skipped, got {other:?}"),
    }

    let requests: Vec<Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let methods: Vec<&str> = requests.iter().map(|r| r["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["getManifest", "generate"]);
    assert!(requests.iter().all(|r| r["jsonrpc"] == "2.0"));
    let manifest = &requests[0]["params"];
    assert_eq!(manifest["name"], "rec");
    assert_eq!(manifest["output"], Value::Null);
    // Settings arrive as strings, lists as lists of strings (as Prisma sends them).
    assert_eq!(manifest["config"]["count"], "3");
    assert_eq!(manifest["config"]["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(manifest["binaryTargets"][0]["native"], true);

    let params = &requests[1]["params"];
    assert_eq!(
        params["generator"]["output"]["value"],
        dir.join("recorded").display().to_string()
    );
    assert_eq!(params["schemaPath"], path.display().to_string());
    assert_eq!(params["datasources"][0]["provider"], "postgresql");
    assert_eq!(params["datasources"][0]["url"]["fromEnvVar"], "DATABASE_URL");
    assert_eq!(params["otherGenerators"][0]["name"], "gone");
    let ours = serde_json::to_value(migrate_generate::dmmf::datamodel(&valid)).unwrap();
    assert_eq!(params["dmmf"]["datamodel"], ours);
    assert_eq!(
        params["dmmf"]["datamodel"]["models"][0]["fields"][1]["dbName"],
        "e_mail"
    );
    assert_eq!(params["dmmf"]["datamodel"]["enums"][0]["values"][1]["dbName"], "admin");
    assert_eq!(
        params["dmmf"]["mappings"]["modelOperations"][0]["findMany"],
        "findManyUser"
    );
    assert!(params["datamodel"].as_str().unwrap().contains("model User {"));
}

#[test]
fn a_generator_error_stops_generate_with_its_message() {
    node_available();
    let dir = scratch("fail");
    let blocks = format!(
        "generator rec {{\n  provider = \"node {} {}\"\n  output   = \"out\"\n  fail     = \"yes\"\n}}",
        dir.join("recorder.mjs").display(),
        dir.join("log.jsonl").display()
    );
    let valid = schema(&dir, &blocks);
    let path = dir.join("schema.prisma");
    let err = generate(
        Request {
            schema: &valid,
            schema_path: &path,
            only: &[],
        },
        &mut |_| {},
    )
    .unwrap_err();
    match err {
        GenerateError::Failed { generator, message } => {
            assert_eq!(generator, "rec");
            assert_eq!(message, "it broke on purpose");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
}

#[test]
fn a_generator_that_exits_early_is_an_error_with_its_output() {
    let dir = scratch("exit");
    let valid = schema(
        &dir,
        "generator sh {\n  provider = \"echo cannot start >&2; exit 3\"\n  output = \"x\"\n}",
    );
    let path = dir.join("schema.prisma");
    let err = generate(
        Request {
            schema: &valid,
            schema_path: &path,
            only: &[],
        },
        &mut |_| {},
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("stopped before answering `getManifest`"), "{text}");
    assert!(text.contains("cannot start"), "{text}");
}

#[test]
fn unknown_generator_names_are_refused() {
    let dir = scratch("unknown");
    let valid = schema(&dir, "generator types {\n  provider = \"migrate-typescript\"\n}");
    let path = dir.join("schema.prisma");
    let only = vec!["tpyes".to_string()];
    let err = generate(
        Request {
            schema: &valid,
            schema_path: &path,
            only: &only,
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The schema has no generator named tpyes. Its generators: types."
    );
}
