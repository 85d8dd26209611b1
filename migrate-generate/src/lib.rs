#![warn(missing_docs)]

//! `migrate generate`: runs a schema's generator blocks in order.
//!
//! Two generators are built in: `provider = "migrate-typescript"` (TypeScript
//! types and a Kysely `DB` interface, see [`typescript`]) and `provider =
//! "migrate-rust"` (a Rust module, see [`rust`]). Both write into `output`,
//! relative to the schema file that holds the block, as Prisma resolves it; without
//! `output`, into `generated/` beside that file. An `output` ending in `.ts` / `.rs`
//! names the file itself; else the file is `fileName` in that folder (`types.ts`,
//! `models.rs`).
//!
//! Any other provider is a command run through Prisma's generator protocol
//! ([`protocol`]): `node ./gen.mjs`, an npm package's binary (found in the
//! project's `node_modules/.bin`, as `npx` finds it), `cargo prisma`... It gets the
//! DMMF's `datamodel` section ([`dmmf`]); the query-schema sections are empty, so
//! a generator that needs Prisma's query engine schema cannot run here. Prisma
//! Client's own generators (`prisma-client-js`, `prisma-client`) are Prisma's
//! CLI: when the project has it (`node_modules/.bin/prisma`), it runs them; else they
//! are skipped. A command that is not installed is skipped with one line saying so.

pub mod block;
pub mod dmmf;
mod names;
pub mod protocol;
pub mod rust;
pub mod typescript;

use block::{generator_blocks, GeneratorBlock};
use migrate_core::psl::ValidatedSchema;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why generating stopped.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// `--generator NAME` names no generator block of the schema.
    #[error("The schema has no generator named {}. Its generators: {}.", .unknown.join(", "), if .known.is_empty() { "none".to_string() } else { .known.join(", ") })]
    UnknownGenerator {
        /// The names asked for that are not in the schema.
        unknown: Vec<String>,
        /// The schema's generator names.
        known: Vec<String>,
    },
    /// A setting of a built-in generator's block has a value it does not take.
    #[error("generator {generator}: {message}")]
    Setting {
        /// The generator block's name.
        generator: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// Neither the block nor the generator's manifest says where to write.
    #[error("Can't resolve the output folder of generator {generator} (provider {provider}). Set `output` in the generator block.")]
    NoOutput {
        /// The generator block's name.
        generator: String,
        /// Its provider.
        provider: String,
    },
    /// The generator's output could not be written.
    #[error("generator {generator}: could not write {path}: {source}")]
    Write {
        /// The generator block's name.
        generator: String,
        /// The file or folder.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The generator's command could not be started.
    #[error("generator {generator}: could not run `{command}`: {source}")]
    Spawn {
        /// The generator block's name.
        generator: String,
        /// The command.
        command: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The generator broke the protocol (stopped early, closed its input).
    #[error("generator {generator}: {message}")]
    Protocol {
        /// The generator block's name.
        generator: String,
        /// What happened, with the end of what it wrote to standard error.
        message: String,
    },
    /// The generator answered with an error.
    #[error("generator {generator} failed:\n{message}")]
    Failed {
        /// The generator block's name.
        generator: String,
        /// The generator's message.
        message: String,
    },
    /// Prisma's CLI, run for a Prisma Client generator, failed.
    #[error("generator {generator}: `{command}` failed ({status})")]
    Delegated {
        /// The generator block's name.
        generator: String,
        /// The command run.
        command: String,
        /// How it ended.
        status: String,
    },
}

/// What happened to one generator block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It wrote its output.
    Generated {
        /// The generator block's name.
        generator: String,
        /// What it generated, as Prisma reports it: `TypeScript types (migrate 0.1.0)`.
        what: String,
        /// Where (a file for built-in generators, the output folder for others).
        output: PathBuf,
        /// How long it took.
        took: Duration,
    },
    /// Prisma's CLI generated it (Prisma Client) and reported on it itself.
    Delegated {
        /// The generator block's name.
        generator: String,
    },
    /// It was not run.
    Skipped {
        /// The generator block's name.
        generator: String,
        /// Its provider.
        provider: String,
        /// Why, and what would make it run.
        reason: String,
    },
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The validated schema.
    pub schema: &'a ValidatedSchema,
    /// The schema file or folder, as found (sent to protocol generators as `schemaPath`).
    pub schema_path: &'a Path,
    /// Only the generators with these names (`--generator`); all when empty.
    pub only: &'a [String],
}

/// The built-in generators' provider names.
pub const TYPESCRIPT: &str = "migrate-typescript";
/// See [`TYPESCRIPT`].
pub const RUST: &str = "migrate-rust";

/// How one block is run.
enum Plan {
    TypeScript(typescript::TsOptions, PathBuf),
    Rust(rust::RustOptions, PathBuf),
    Protocol(String, Vec<PathBuf>),
    PrismaCli(PathBuf),
    Skip(String),
}

/// Runs the schema's generator blocks (or those `request.only` names) in
/// schema order, calling `report` after each; stops at the first failure.
pub fn generate(request: Request<'_>, report: &mut dyn FnMut(&Outcome)) -> Result<Vec<Outcome>, GenerateError> {
    let all = generator_blocks(request.schema);
    let unknown: Vec<String> = request
        .only
        .iter()
        .filter(|n| !all.iter().any(|b| &&b.name == n))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(GenerateError::UnknownGenerator {
            unknown,
            known: all.iter().map(|b| b.name.clone()).collect(),
        });
    }
    let selected: Vec<&GeneratorBlock> = all
        .iter()
        .filter(|b| request.only.is_empty() || request.only.contains(&b.name))
        .collect();
    let plans: Vec<Plan> = selected.iter().map(|b| plan(b)).collect::<Result<_, _>>()?;

    // As Prisma: every protocol generator answers `getManifest` before any generates.
    let mut id = 0;
    let mut running: Vec<Option<protocol::Running>> = Vec::new();
    for (block, plan) in selected.iter().zip(&plans) {
        running.push(match plan {
            Plan::Protocol(command, dirs) => Some(protocol::spawn(block, command, dirs, &mut id)?),
            _ => None,
        });
    }
    let outputs: Vec<Option<PathBuf>> = selected
        .iter()
        .zip(&plans)
        .zip(&running)
        .map(|((block, plan), run)| match plan {
            Plan::TypeScript(_, out) | Plan::Rust(_, out) => Some(out.clone()),
            Plan::Protocol(..) => protocol_output(block, run.as_ref().map(|r| &r.manifest)),
            _ => None,
        })
        .collect();

    let mut outcomes = Vec::new();
    for (i, (block, plan)) in selected.iter().zip(&plans).enumerate() {
        let started = Instant::now();
        let outcome = match plan {
            Plan::Skip(reason) => Outcome::Skipped {
                generator: block.name.clone(),
                provider: block.provider.resolve().unwrap_or_default(),
                reason: reason.clone(),
            },
            Plan::TypeScript(options, file) => {
                let text = typescript::render(&request.schema.datamodel, options, &source_name(request.schema_path));
                write(block, file, &text)?;
                generated(block, "TypeScript types", file, started)
            }
            Plan::Rust(options, file) => {
                let text = rust::render(&request.schema.datamodel, options, &source_name(request.schema_path));
                write(block, file, &text)?;
                generated(block, "Rust types", file, started)
            }
            Plan::PrismaCli(prisma) => {
                run_prisma_cli(block, prisma, request.schema_path)?;
                Outcome::Delegated {
                    generator: block.name.clone(),
                }
            }
            Plan::Protocol(..) => {
                let output = outputs[i].clone().ok_or_else(|| GenerateError::NoOutput {
                    generator: block.name.clone(),
                    provider: block.provider.resolve().unwrap_or_default(),
                })?;
                let params = generate_params(&request, &selected, &outputs, i);
                let run = running[i].as_mut().expect("protocol generators are running");
                id += 1;
                run.call(id, "generate", params)?;
                let manifest = &run.manifest;
                let name = manifest.pretty_name.clone().unwrap_or_else(|| block.name.clone());
                let what = match &manifest.version {
                    Some(v) => format!("{name} ({v})"),
                    None => name,
                };
                running[i] = None; // stops it
                Outcome::Generated {
                    generator: block.name.clone(),
                    what,
                    output,
                    took: started.elapsed(),
                }
            }
        };
        report(&outcome);
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

fn generated(block: &GeneratorBlock, kind: &str, file: &Path, started: Instant) -> Outcome {
    Outcome::Generated {
        generator: block.name.clone(),
        what: format!("{kind} (migrate {})", env!("CARGO_PKG_VERSION")),
        output: file.to_path_buf(),
        took: started.elapsed(),
    }
}

/// The schema's name in generated headers: its file name (or folder name).
fn source_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn write(block: &GeneratorBlock, file: &Path, text: &str) -> Result<(), GenerateError> {
    let err = |path: &Path, source| GenerateError::Write {
        generator: block.name.clone(),
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    }
    // Unchanged output is not rewritten (watchers and build tools see no change).
    if std::fs::read(file).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(file, text).map_err(|e| err(file, e))
}

/// The folder relative paths of a block resolve from: its schema file's.
fn block_dir(block: &GeneratorBlock) -> PathBuf {
    protocol::absolute(block.source_file.parent().unwrap_or(Path::new(".")))
}

fn protocol_output(block: &GeneratorBlock, manifest: Option<&protocol::Manifest>) -> Option<PathBuf> {
    let written = block.output.as_ref().and_then(|o| o.resolve());
    let output = written.or_else(|| manifest.and_then(|m| m.default_output.clone()))?;
    Some(protocol::absolute(&block_dir(block).join(output)))
}

fn plan(block: &GeneratorBlock) -> Result<Plan, GenerateError> {
    let Some(provider) = block.provider.resolve() else {
        return Ok(Plan::Skip("its provider's environment variable is not set".into()));
    };
    let setting_error = |message: String| GenerateError::Setting {
        generator: block.name.clone(),
        message,
    };
    match provider.as_str() {
        TYPESCRIPT => {
            check_keys(block, &["fileName", "decimalType", "decimalImport", "kysely"]).map_err(setting_error)?;
            let defaults = typescript::TsOptions::default();
            let decimal_import = block.setting("decimalImport").map(str::to_string);
            let decimal_type = match block.setting("decimalType") {
                Some(t) => t.to_string(),
                // An import names the type to take from it: `Decimal`, as
                // decimal.js and Prisma's runtime export it.
                None if decimal_import.is_some() => "Decimal".into(),
                None => defaults.decimal_type,
            };
            let options = typescript::TsOptions {
                decimal_type,
                decimal_import,
                kysely: boolean(block, "kysely", true).map_err(setting_error)?,
            };
            Ok(Plan::TypeScript(options, builtin_output(block, "types.ts", "ts")))
        }
        RUST => {
            check_keys(block, &["fileName", "dateTime", "decimal", "sqlx"]).map_err(setting_error)?;
            let date_time = match block.setting("dateTime") {
                None | Some("chrono") => rust::DateTimeCrate::Chrono,
                Some("time") => rust::DateTimeCrate::Time,
                Some(other) => {
                    return Err(setting_error(format!(
                        "`dateTime = \"{other}\"` is not supported: use \"chrono\" or \"time\"."
                    )))
                }
            };
            let decimal = match block.setting("decimal") {
                None | Some("rust_decimal") => rust::DecimalType::RustDecimal,
                Some("string") => rust::DecimalType::String,
                Some(other) => {
                    return Err(setting_error(format!(
                        "`decimal = \"{other}\"` is not supported: use \"rust_decimal\" or \"string\"."
                    )))
                }
            };
            let options = rust::RustOptions {
                date_time,
                decimal,
                sqlx: boolean(block, "sqlx", false).map_err(setting_error)?,
            };
            Ok(Plan::Rust(options, builtin_output(block, "models.rs", "rs")))
        }
        "prisma-client-js" | "prisma-client" => {
            let dirs = node_bin_dirs(&block_dir(block));
            match dirs.iter().map(|d| d.join("prisma")).find(|p| p.is_file()) {
                Some(prisma) => Ok(Plan::PrismaCli(prisma)),
                None => Ok(Plan::Skip(format!(
                    "Prisma Client is generated by Prisma's own CLI, and no node_modules/.bin/prisma was found from {} up (run `npm install prisma @prisma/client`, then `npx prisma generate`)",
                    block_dir(block).display()
                ))),
            }
        }
        command => {
            let dirs = node_bin_dirs(&block_dir(block));
            match missing_command(command, &dirs) {
                Some(reason) => Ok(Plan::Skip(reason)),
                None => Ok(Plan::Protocol(command.to_string(), dirs)),
            }
        }
    }
}

fn check_keys(block: &GeneratorBlock, known: &[&str]) -> Result<(), String> {
    match block
        .config
        .iter()
        .find(|(k, _)| !known.contains(&k.as_str()) && k != "engineType")
    {
        Some((key, _)) => Err(format!(
            "unknown setting `{key}` for provider \"{}\" (it takes {})",
            block.provider.resolve().unwrap_or_default(),
            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )),
        None => Ok(()),
    }
}

fn boolean(block: &GeneratorBlock, key: &str, default: bool) -> Result<bool, String> {
    match block.setting(key) {
        None => Ok(default),
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(other) => Err(format!("`{key} = {other}` is not supported: use true or false.")),
    }
}

/// The file a built-in generator writes.
fn builtin_output(block: &GeneratorBlock, default_file: &str, extension: &str) -> PathBuf {
    let dir = block_dir(block);
    let output = block.output.as_ref().and_then(|o| o.resolve());
    match output {
        Some(o) if Path::new(&o).extension().is_some_and(|e| e == extension) => protocol::absolute(&dir.join(o)),
        Some(o) => protocol::absolute(&dir.join(o).join(block.setting("fileName").unwrap_or(default_file))),
        None => dir
            .join("generated")
            .join(block.setting("fileName").unwrap_or(default_file)),
    }
}

/// `node_modules/.bin` folders from `dir` up to the root, nearest first.
fn node_bin_dirs(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("node_modules").join(".bin"))
        .filter(|d| d.is_dir())
        .collect()
}

/// Why `command` cannot run here (its program is not installed), or `None`.
fn missing_command(command: &str, bin_dirs: &[PathBuf]) -> Option<String> {
    let mut words = command.split_whitespace();
    let program = words.next()?;
    if program.contains('/') || program.contains('\\') {
        return (!Path::new(program).exists()).then(|| format!("`{program}` does not exist"));
    }
    let search: Vec<PathBuf> = bin_dirs
        .iter()
        .cloned()
        .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()))
        .collect();
    let found = |name: &str| search.iter().any(|d| is_executable(&d.join(name)));
    if !found(program) {
        return Some(format!(
            "`{program}` is not installed (not on PATH{})",
            if bin_dirs.is_empty() {
                ""
            } else {
                " nor in node_modules/.bin"
            }
        ));
    }
    // `node path/to/generator`: the script (or package folder) must be there.
    if program == "node" {
        if let Some(script) = words.clone().find(|w| !w.starts_with('-')) {
            let candidates = ["", ".js", ".mjs", ".cjs"].map(|ext| PathBuf::from(format!("{script}{ext}")));
            if !candidates.iter().any(|c| c.exists()) {
                return Some(format!(
                    "`{script}` does not exist (is the generator's package installed?)"
                ));
            }
        }
    }
    if program == "cargo" {
        if let Some(sub) = words.next().filter(|s| !s.starts_with('-')) {
            if !found(&format!("cargo-{sub}")) && !cargo_knows(sub) {
                return Some(format!(
                    "cargo has no `{sub}` command here (no cargo-{sub} installed, no alias)"
                ));
            }
        }
    }
    None
}

fn is_executable(path: &Path) -> bool {
    if cfg!(windows) {
        ["", ".exe", ".cmd", ".bat"]
            .iter()
            .any(|ext| PathBuf::from(format!("{}{ext}", path.display())).is_file())
    } else {
        path.is_file()
    }
}

/// Whether `cargo --list` (built-in commands, installed ones and aliases) names `sub`.
fn cargo_knows(sub: &str) -> bool {
    std::process::Command::new("cargo")
        .arg("--list")
        .stderr(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.split_whitespace().next() == Some(sub))
        })
}

fn run_prisma_cli(block: &GeneratorBlock, prisma: &Path, schema: &Path) -> Result<(), GenerateError> {
    let command = format!(
        "{} generate --schema {} --generator {}",
        prisma.display(),
        schema.display(),
        block.name
    );
    let status = std::process::Command::new(prisma)
        .args(["generate", "--schema"])
        .arg(schema)
        .args(["--generator", &block.name])
        .status()
        .map_err(|source| GenerateError::Spawn {
            generator: block.name.clone(),
            command: command.clone(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(GenerateError::Delegated {
            generator: block.name.clone(),
            command,
            status: status.to_string(),
        })
    }
}

/// The `generate` request's params (Prisma's `GeneratorOptions`).
fn generate_params(
    request: &Request<'_>,
    blocks: &[&GeneratorBlock],
    outputs: &[Option<PathBuf>],
    i: usize,
) -> serde_json::Value {
    let schema = request.schema;
    let others: Vec<serde_json::Value> = blocks
        .iter()
        .zip(outputs)
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, (b, o))| protocol::generator_config(b, o.as_deref()))
        .collect();
    let datamodel_text: Vec<String> = schema.files.iter().map(migrate_core::psl::format::format).collect();
    json!({
        "datamodel": datamodel_text.join("\n"),
        "datasources": datasources(schema),
        "generator": protocol::generator_config(blocks[i], outputs[i].as_deref()),
        "dmmf": {
            "datamodel": dmmf::datamodel(schema),
            "schema": {
                "inputObjectTypes": { "prisma": [] },
                "outputObjectTypes": { "prisma": [], "model": [] },
                "enumTypes": { "prisma": [], "model": [] },
                "fieldRefTypes": { "prisma": [] },
            },
            "mappings": mappings(schema),
        },
        "otherGenerators": others,
        "schemaPath": protocol::absolute(request.schema_path).display().to_string(),
        "version": protocol::ENGINES_VERSION,
        "postinstall": false,
        "noEngine": false,
        "allowNoModels": true,
        "envPaths": { "rootEnvPath": null },
        "binaryPaths": {},
    })
}

fn datasources(schema: &ValidatedSchema) -> Vec<serde_json::Value> {
    use migrate_core::psl::datamodel::EnvValue;
    let Some(ds) = &schema.datamodel.datasource else {
        return Vec::new();
    };
    let source = schema
        .files
        .iter()
        .zip(&schema.sources.files)
        .find(|(f, _)| {
            f.items.iter().any(|i| {
                matches!(i, migrate_core::psl::ast::TopItem::Block(b) if b.kind == migrate_core::psl::ast::BlockKind::Datasource)
            })
        })
        .map(|(_, s)| protocol::absolute(Path::new(&s.path)).display().to_string());
    let url = match &ds.url {
        Some(EnvValue::Literal(u)) => json!({ "fromEnvVar": null, "value": u }),
        Some(EnvValue::Env(var)) => json!({ "fromEnvVar": var, "value": null }),
        None => json!({ "fromEnvVar": null, "value": "" }),
    };
    vec![json!({
        "name": ds.name,
        "provider": ds.provider.name(),
        "activeProvider": ds.provider.name(),
        "url": url,
        "schemas": ds.schemas,
        "sourceFilePath": source,
    })]
}

/// `dmmf.mappings`: the client operation names of each model, as Prisma names them.
fn mappings(schema: &ValidatedSchema) -> serde_json::Value {
    use migrate_core::psl::datamodel::Provider;
    let returning = schema.datamodel.provider() != Some(Provider::Mysql);
    let operations: Vec<serde_json::Value> = schema
        .datamodel
        .models
        .iter()
        .filter(|m| !m.ignored)
        .map(|m| {
            let n = &m.name;
            let mut o = serde_json::Map::new();
            o.insert("model".into(), json!(n));
            o.insert("aggregate".into(), json!(format!("aggregate{n}")));
            o.insert("createMany".into(), json!(format!("createMany{n}")));
            if returning {
                o.insert("createManyAndReturn".into(), json!(format!("createMany{n}AndReturn")));
            }
            o.insert("createOne".into(), json!(format!("createOne{n}")));
            o.insert("deleteMany".into(), json!(format!("deleteMany{n}")));
            o.insert("deleteOne".into(), json!(format!("deleteOne{n}")));
            o.insert("findFirst".into(), json!(format!("findFirst{n}")));
            o.insert("findFirstOrThrow".into(), json!(format!("findFirst{n}OrThrow")));
            o.insert("findMany".into(), json!(format!("findMany{n}")));
            o.insert("findUnique".into(), json!(format!("findUnique{n}")));
            o.insert("findUniqueOrThrow".into(), json!(format!("findUnique{n}OrThrow")));
            o.insert("groupBy".into(), json!(format!("groupBy{n}")));
            o.insert("updateMany".into(), json!(format!("updateMany{n}")));
            if returning {
                o.insert("updateManyAndReturn".into(), json!(format!("updateMany{n}AndReturn")));
            }
            o.insert("updateOne".into(), json!(format!("updateOne{n}")));
            o.insert("upsertOne".into(), json!(format!("upsertOne{n}")));
            serde_json::Value::Object(o)
        })
        .collect();
    json!({
        "modelOperations": operations,
        "otherOperations": { "read": [], "write": ["executeRaw", "queryRaw"] },
    })
}
